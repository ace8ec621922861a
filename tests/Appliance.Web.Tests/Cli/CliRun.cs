using Appliance.Web.Cli;

namespace Appliance.Web.Tests.Cli;

/// <summary>Runs the CLI in-process with captured output and a fixed environment.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(string[] args, Dictionary<string, string>? environment = null, string apiKeyFile = "/nonexistent/api-key")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = environment ?? [];
        var code = await CliApp.RunAsync(args, output, error, name => env.GetValueOrDefault(name), apiKeyFile);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
