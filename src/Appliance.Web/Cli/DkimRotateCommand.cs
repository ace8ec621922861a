using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance dkim rotate DOMAIN`: starts a key rotation through the running service's
/// POST /api/v1/domains/{name}/dkim/rotate and prints the record(s) to publish. URL and API key through
/// <see cref="CliApiConnection"/> (--url / APPLIANCE_URL, --api-key / APPLIANCE_API_KEY / /etc/appliance/api-key).
/// </summary>
public sealed class DkimRotateCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    private static readonly IReadOnlySet<string> Switches = new HashSet<string> { "insecure" };
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(CliApiConnection.Options);

    public const string Usage = """
        Usage: appliance dkim rotate DOMAIN [--url URL] [--api-key KEY] [--insecure]
          Generates the domain's next DKIM key; signing switches to it once its record is seen in DNS.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, Switches);
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 2 || parsed.Positional[0] != "rotate")
        {
            await error.WriteLineAsync("dkim: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected: rotate DOMAIN")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var domain = parsed.Positional[1];
        var baseUrl = CliApiConnection.BaseUrl(parsed, environment);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "dkim", TimeSpan.FromSeconds(60));
        if (http is null) return 2;
        try
        {
            using var response = await http.PostAsync($"api/v1/domains/{Uri.EscapeDataString(domain)}/dkim/rotate", null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"dkim rotate {domain}: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return 1;
            }
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            await output.WriteLineAsync($"{domain}: rotation {root.GetProperty("rotation").GetProperty("phase").GetString()}");
            foreach (var s in root.GetProperty("selectors").EnumerateArray())
            {
                var status = s.GetProperty("status").GetString();
                if (status is not ("pending" or "active")) continue;
                await output.WriteLineAsync($"{status,-8} {s.GetProperty("recordName").GetString()} TXT \"{s.GetProperty("txtRecord").GetString()}\"");
            }
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"dkim rotate {domain}: {baseUrl}: {e.Message}");
            return 1;
        }
    }
}
