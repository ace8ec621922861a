using System.Net.Http.Headers;

namespace Appliance.Web.Cli;

/// <summary>
/// How every API-backed CLI command reaches the running service. Base URL: --url, APPLIANCE_URL,
/// http://127.0.0.1:8080. API key: --api-key, APPLIANCE_API_KEY, the key file (/etc/appliance/api-key).
/// --insecure or APPLIANCE_INSECURE=1 accepts a self-signed certificate (the packaged admin certificate).
/// Commands add "url", "api-key" and "insecure" to their known options and "insecure" to their switches.
/// </summary>
public static class CliApiConnection
{
    public const string DefaultUrl = "http://127.0.0.1:8080";
    public const string DefaultApiKeyFile = "/etc/appliance/api-key";

    public static readonly string[] Options = ["url", "api-key", "insecure"];

    public const string OptionsUsage = """
          --url URL       service base URL (APPLIANCE_URL; default http://127.0.0.1:8080)
          --api-key KEY   API key (APPLIANCE_API_KEY; default: contents of /etc/appliance/api-key)
          --insecure      accept a self-signed HTTPS certificate (or APPLIANCE_INSECURE=1)
        """;

    /// <summary>An authenticated client, or null after writing why not (no API key) to <paramref name="error"/>.</summary>
    public static async Task<HttpClient?> CreateAsync(CliArgs parsed, Func<string, string?> environment, string apiKeyFile,
        TextWriter error, string command, TimeSpan? timeout = null)
    {
        var baseUrl = BaseUrl(parsed, environment);
        var apiKey = parsed.Get("api-key") ?? environment("APPLIANCE_API_KEY") ?? ReadKeyFile(apiKeyFile);
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            await error.WriteLineAsync($"{command}: no API key (use --api-key, APPLIANCE_API_KEY or {apiKeyFile})");
            return null;
        }
        var handler = new HttpClientHandler();
        if (parsed.Has("insecure") || environment("APPLIANCE_INSECURE") is "1" or "true")
            handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(baseUrl + "/"),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        return http;
    }

    public static string BaseUrl(CliArgs parsed, Func<string, string?> environment) =>
        (parsed.Get("url") ?? environment("APPLIANCE_URL") ?? DefaultUrl).TrimEnd('/');

    private static string? ReadKeyFile(string apiKeyFile)
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
