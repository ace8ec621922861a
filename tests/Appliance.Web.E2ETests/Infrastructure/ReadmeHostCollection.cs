namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>One <see cref="ReadmeHost"/> (one `dotnet run` build and start) shared by the tests that need the README's way.</summary>
[CollectionDefinition(Name)]
public sealed class ReadmeHostCollection : ICollectionFixture<ReadmeHost>
{
    public const string Name = "readme-host";
}
