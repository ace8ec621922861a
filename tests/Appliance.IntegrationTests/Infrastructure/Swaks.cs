namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Runs swaks (TLS certificates are not verified unless --tls-verify is given).</summary>
public static class Swaks
{
    /// <summary>Runs swaks with the given arguments; never throws on a non-zero exit.</summary>
    public static async Task<SwaksResult> RunAsync(params string[] args)
    {
        var exe = ToolPaths.Swaks ?? throw new InvalidOperationException("swaks not installed");
        var (code, output) = await ProcessRunner.RunAsync(exe, ["--timeout", "30", .. args], TimeSpan.FromSeconds(90));
        return new SwaksResult(code, output);
    }
}
