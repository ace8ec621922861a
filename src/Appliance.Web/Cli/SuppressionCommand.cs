using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance suppression add|remove ADDRESS | import FILE | export [FILE]`: a thin client of the running service's
/// /api/v1/suppressions (same URL and API key rules as `appliance queue`).
/// </summary>
public sealed class SuppressionCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    private static readonly IReadOnlySet<string> Switches = new HashSet<string> { "insecure" };
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(["scope", "scope-key", "reason", .. CliApiConnection.Options]);

    public const string Usage = """
        Usage: appliance suppression add ADDRESS [--scope global|tenant|senderDomain] [--scope-key K] [--reason R]
               appliance suppression remove ADDRESS [--scope S] [--scope-key K]
               appliance suppression import FILE      CSV: address[,reason[,scope[,scope_key]]]
               appliance suppression export [FILE]    CSV to FILE or standard output
        """ + "\n" + CliApiConnection.OptionsUsage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, Switches);
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        var action = parsed.Positional.FirstOrDefault();
        var needsArg = action is "add" or "remove" or "import";
        if (parsed.Error is not null || unknown is not null || action is not ("add" or "remove" or "import" or "export")
            || (needsArg && parsed.Positional.Count != 2) || parsed.Positional.Count > 2)
        {
            await error.WriteLineAsync("suppression: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected add|remove ADDRESS, import FILE or export [FILE]")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var arg = parsed.Positional.Count > 1 ? parsed.Positional[1] : null;
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "suppression", TimeSpan.FromMinutes(10));
        if (http is null) return 2;
        try
        {
            using var response = action switch
            {
                "add" => await http.PostAsJsonAsync("api/v1/suppressions",
                    new { address = arg, scope = parsed.Get("scope"), scopeKey = parsed.Get("scope-key"), reason = parsed.Get("reason") }, cancellationToken),
                "remove" => await http.DeleteAsync("api/v1/suppressions?" + Query(("address", arg), ("scope", parsed.Get("scope")), ("scopeKey", parsed.Get("scope-key"))), cancellationToken),
                "import" => await http.PostAsync("api/v1/suppressions/import",
                    new StringContent(await File.ReadAllTextAsync(arg!, cancellationToken), Encoding.UTF8, "text/csv"), cancellationToken),
                _ => await http.GetAsync("api/v1/suppressions/export", cancellationToken),
            };
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"suppression {action}: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return 1;
            }
            await WriteResultAsync(action, arg, body, cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException or KeyNotFoundException)
        {
            await error.WriteLineAsync($"suppression {action}: {e.Message}");
            return 1;
        }
    }

    private async Task WriteResultAsync(string action, string? arg, string body, CancellationToken ct)
    {
        switch (action)
        {
            case "add":
                await output.WriteLineAsync($"suppressed {JsonDocument.Parse(body).RootElement.GetProperty("address").GetString()}");
                break;
            case "remove":
                await output.WriteLineAsync($"removed {arg}");
                break;
            case "import":
                using (var json = JsonDocument.Parse(body))
                {
                    var root = json.RootElement;
                    await output.WriteLineAsync($"{root.GetProperty("imported").GetInt32()} imported, {root.GetProperty("rejected").GetInt32()} rejected");
                    foreach (var e in root.GetProperty("errors").EnumerateArray())
                        await output.WriteLineAsync($"  line {e.GetProperty("line").GetInt32()}: {e.GetProperty("error").GetString()}");
                }
                break;
            default:
                if (arg is null) await output.WriteAsync(body);
                else
                {
                    await File.WriteAllTextAsync(arg, body, ct);
                    await output.WriteLineAsync($"exported to {arg}");
                }
                break;
        }
    }

    private static string Query(params (string Name, string? Value)[] pairs) =>
        string.Join('&', pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
