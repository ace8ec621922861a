using System.Diagnostics;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// The host run from a `dotnet publish` folder (what the packages ship, framework-dependent here), started as
/// `dotnet Appliance.Web.dll` from inside that folder in Production: static assets come from its wwwroot, not from
/// the build output's static web assets manifest.
/// </summary>
public sealed class PublishedHost : ReadmeHost
{
    private readonly string _publish = Directory.CreateTempSubdirectory("appliance-published-").FullName;

    /// <summary>The published folder is about static assets, not the database: on PostgreSQL runs it uses the test database.</summary>
    protected override bool UsesDefaultDatabase => false;

    protected override async Task<(string WorkingDirectory, string[] Command)> CommandAsync()
    {
        // .ci/run has built Release already: publish only copies. Elsewhere fall back to a full publish.
        if (await PublishAsync(noBuild: true) != 0)
        {
            var code = await PublishAsync(noBuild: false);
            if (code != 0) throw new InvalidOperationException($"dotnet publish failed with {code}:\n{Output}");
        }
        Assert.False(File.Exists(Path.Combine(_publish, "Appliance.Web.staticwebassets.runtime.json")), "a publish folder has no static web assets manifest");
        return (_publish, ["Appliance.Web.dll"]);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_publish, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<int> PublishAsync(bool noBuild)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", "src/Appliance.Web", "-c", "Release", "-o", _publish, "-nologo", "-v", "quiet" }) start.ArgumentList.Add(a);
        if (noBuild) start.ArgumentList.Add("--no-build");
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var all = await output + await errors;
        if (p.ExitCode != 0) Console.Error.WriteLine(all);
        return p.ExitCode;
    }
}
