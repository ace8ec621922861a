using System.Net.Http.Json;
using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance queue summary|list|suspend|resume|retry|bounce|delete`: a thin client of the running service's /api/v1/queues,
/// so its operations run through the same queue-operations service as the API and the Queues page (same validation,
/// one audit record). `list` pages the scheduled queues on the server.
/// Base URL: --url, APPLIANCE_URL, http://127.0.0.1:8080. API key: --api-key, APPLIANCE_API_KEY, /etc/appliance/api-key.
/// </summary>
public sealed class QueueCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = QueueCommand.DefaultApiKeyFile)
{
    public const string DefaultUrl = CliApiConnection.DefaultUrl;
    public const string DefaultApiKeyFile = CliApiConnection.DefaultApiKeyFile;

    public static readonly IReadOnlySet<string> Switches = new HashSet<string> { "dry-run", "insecure", "desc" };

    private static readonly IReadOnlySet<string> Known = new HashSet<string>
    {
        "url", "api-key", "tenant", "campaign", "domain", "site", "message-id", "reason", "dry-run", "insecure",
        "search", "state", "sort", "desc", "page", "page-size",
    };

    private static readonly string[] Actions = ["suspend", "resume", "retry", "bounce", "delete"];

    public const string Usage = """
        Usage: appliance queue summary|list|suspend|resume|retry|bounce|delete [OPTIONS]
          --tenant T --campaign C --domain D --site S --message-id ID   filter (actions; list: tenant, campaign, domain)
          --reason TEXT   bounce reason (required by bounce)
          --search TEXT --state any|active|suspended --sort name|tenant|domain|messages|recipients|oldest|nextAttempt --desc
          --page N (first is 0) --page-size N (default 25, at most 500)   list: one page of scheduled queues
          --dry-run       count what the action would affect; change nothing
          --url URL       service base URL (APPLIANCE_URL; default http://127.0.0.1:8080)
          --api-key KEY   API key (APPLIANCE_API_KEY; default: contents of /etc/appliance/api-key)
          --insecure      accept a self-signed HTTPS certificate (or APPLIANCE_INSECURE=1)
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, Switches);
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 1)
        {
            await error.WriteLineAsync("queue: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected one action")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var action = parsed.Positional[0];
        if (action is not ("summary" or "list") && !Actions.Contains(action))
        {
            await error.WriteLineAsync($"queue: unknown action '{action}'");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var baseUrl = CliApiConnection.BaseUrl(parsed, environment);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "queue");
        if (http is null) return 2;

        try
        {
            using var response = action switch
            {
                "summary" => await http.GetAsync("api/v1/queues", cancellationToken),
                "list" => await http.GetAsync("api/v1/queues/scheduled" + ListQuery(parsed), cancellationToken),
                _ => await http.PostAsJsonAsync($"api/v1/queues/{action}", BuildRequest(parsed), cancellationToken),
            };
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"queue {action}: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return 1;
            }
            using var json = JsonDocument.Parse(body);
            if (action == "summary")
            {
                QueueSummaryTable.Write(output, json.RootElement);
            }
            else if (action == "list")
            {
                QueueSummaryTable.WritePage(output, json.RootElement);
            }
            else
            {
                var affected = json.RootElement.GetProperty("affected").GetInt32();
                var dryRun = json.RootElement.TryGetProperty("dryRun", out var d) && d.ValueKind == JsonValueKind.True;
                await output.WriteLineAsync($"{affected} messages affected{(dryRun ? " (dry run)" : "")}");
            }
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            await error.WriteLineAsync($"queue {action}: {baseUrl}: {e.Message}");
            return 1;
        }
    }

    private static string ListQuery(CliArgs parsed)
    {
        var pairs = new List<string>();
        foreach (var (option, field) in new[] { ("tenant", "tenant"), ("campaign", "campaign"), ("domain", "domain"), ("search", "search"), ("state", "state"), ("sort", "sort"), ("page", "page"), ("page-size", "pageSize") })
        {
            if (parsed.Get(option) is { } value) pairs.Add($"{field}={Uri.EscapeDataString(value)}");
        }
        if (parsed.Has("desc")) pairs.Add("desc=true");
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static Dictionary<string, object> BuildRequest(CliArgs parsed)
    {
        var request = new Dictionary<string, object>();
        foreach (var (option, field) in new[] { ("tenant", "tenant"), ("campaign", "campaign"), ("domain", "domain"), ("site", "site"), ("message-id", "messageId"), ("reason", "reason") })
        {
            if (parsed.Get(option) is { } value) request[field] = value;
        }
        if (parsed.Has("dry-run")) request["dryRun"] = true;
        return request;
    }
}
