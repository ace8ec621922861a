using System.Net.Http.Headers;
using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance dkim rotate DOMAIN`: starts a key rotation through the running service's
/// POST /api/v1/domains/{name}/dkim/rotate and prints the record(s) to publish. URL and API key as for
/// <see cref="QueueCommand"/> (--url / APPLIANCE_URL, --api-key / APPLIANCE_API_KEY / /etc/appliance/api-key).
/// </summary>
public sealed class DkimRotateCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = QueueCommand.DefaultApiKeyFile)
{
    private static readonly IReadOnlySet<string> Switches = new HashSet<string> { "insecure" };
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "url", "api-key", "insecure" };

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
        var baseUrl = (parsed.Get("url") ?? environment("APPLIANCE_URL") ?? QueueCommand.DefaultUrl).TrimEnd('/');
        var apiKey = parsed.Get("api-key") ?? environment("APPLIANCE_API_KEY") ?? ReadKeyFile();
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            await error.WriteLineAsync($"dkim: no API key (use --api-key, APPLIANCE_API_KEY or {apiKeyFile})");
            return 2;
        }

        using var handler = new HttpClientHandler();
        if (parsed.Has("insecure") || environment("APPLIANCE_INSECURE") is "1" or "true") handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
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

    private string? ReadKeyFile()
    {
        try
        {
            return File.Exists(apiKeyFile) ? File.ReadAllText(apiKeyFile).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
