using System.Diagnostics;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// One `dotnet publish` folder of Appliance.Web (framework-dependent, Release) for the whole test run: publishing is
/// the slow part, and every <see cref="PublishedHost"/> starts its own process, with its own data folder, from the
/// same read-only folder. Deleted when the test process exits.
/// </summary>
public static class PublishedFolder
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The folder, published on the first call (concurrent callers wait for the same publish).</summary>
    public static Task<string> GetAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var folder = Directory.CreateTempSubdirectory("appliance-published-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        // .ci/run (and any build of this project) has built Release already: publish only copies. Elsewhere fall back
        // to a full publish.
        if (await PublishAsync(folder, noBuild: true) is not (0, _))
        {
            var (code, output) = await PublishAsync(folder, noBuild: false);
            if (code != 0) throw new InvalidOperationException($"dotnet publish failed with {code}:\n{output}");
        }
        return folder;
    }

    private static async Task<(int Code, string Output)> PublishAsync(string folder, bool noBuild)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = ReadmeHost.RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", "src/Appliance.Web", "-c", "Release", "-o", folder, "-nologo", "-v", "quiet" }) start.ArgumentList.Add(a);
        if (noBuild) start.ArgumentList.Add("--no-build");
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var all = await output + await errors;
        if (p.ExitCode != 0) Console.Error.WriteLine(all);
        return (p.ExitCode, all);
    }
}
