using System.Diagnostics;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>Runs Debian's /usr/bin/swaks with the given arguments; exit code and combined output.</summary>
public static class SwaksRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/swaks", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
