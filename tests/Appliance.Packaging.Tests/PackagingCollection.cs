namespace Appliance.Packaging.Tests;

/// <summary>All packaging tests share one build of the packages and run one after another (dpkg is global).</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagesFixture>
{
    public const string Name = "packaging";
}
