namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// The host run from a `dotnet publish` folder (what the packages ship, framework-dependent here), started as
/// `dotnet Appliance.Web.dll` from inside that folder in Production: static assets come from its wwwroot, not from
/// the build output's static web assets manifest. The folder is published once per test run (<see cref="PublishedFolder"/>);
/// each host has its own process and data folder.
/// </summary>
public class PublishedHost : ReadmeHost
{
    /// <summary>The published folder is about static assets, not the database: on PostgreSQL runs it uses the test database.</summary>
    protected override bool UsesDefaultDatabase => false;

    protected override async Task<(string WorkingDirectory, string[] Command)> CommandAsync()
    {
        var folder = await PublishedFolder.GetAsync();
        Assert.False(File.Exists(Path.Combine(folder, "Appliance.Web.staticwebassets.runtime.json")), "a publish folder has no static web assets manifest");
        return (folder, ["Appliance.Web.dll"]);
    }
}
