namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>One published folder and host shared by the tests that need it.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedHostCollection : ICollectionFixture<PublishedHost>
{
    public const string Name = "published-host";
}
