using System.Globalization;
using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance node drain|resume|drain-status` (issue 19, docs/cluster.md "Draining a node") against the node at --url:
/// drain asks it to refuse new mail and hand its queue to the other nodes, then (unless --no-wait) follows
/// GET /api/v1/cluster/drain until nothing is queued; resume makes it accept mail again. Exit 0 when done, 1 when the
/// node refused or the wait timed out, 2 for a usage error.
/// </summary>
public sealed class NodeCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    public const string Usage = "Usage: appliance node drain [--no-wait] [--timeout SECONDS] | resume | drain-status [--url URL] [--api-key KEY] [--insecure]\n" + CliApiConnection.OptionsUsage;

    /// <summary>How often --wait polls the drain status.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "insecure", "no-wait" });
        var known = new HashSet<string>(CliApiConnection.Options) { "no-wait", "timeout" };
        var unknown = parsed.Unknown(known).FirstOrDefault();
        var verb = parsed.Positional.FirstOrDefault();
        var timeout = TimeSpan.FromMinutes(30);
        if (parsed.Get("timeout") is { } t)
        {
            if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                return await UsageAsync("--timeout must be a positive number of seconds");
            timeout = TimeSpan.FromSeconds(seconds);
        }
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 1 || verb is not ("drain" or "resume" or "drain-status"))
            return await UsageAsync(parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected one of drain, resume, drain-status"));

        var baseUrl = CliApiConnection.BaseUrl(parsed, environment);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "node", TimeSpan.FromSeconds(30));
        if (http is null) return 2;
        try
        {
            using var response = verb switch
            {
                "drain" => await http.PostAsync("api/v1/cluster/drain", null, cancellationToken),
                "resume" => await http.DeleteAsync("api/v1/cluster/drain", cancellationToken),
                _ => await http.GetAsync("api/v1/cluster/drain", cancellationToken),
            };
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"node {verb}: {baseUrl}: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return 1;
            }
            var status = Write(body);
            if (verb != "drain" || parsed.Has("no-wait")) return 0;
            var deadline = DateTimeOffset.UtcNow + timeout;
            var last = status;
            while (!IsDrained(status))
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    await error.WriteLineAsync($"node drain: still {status.GetProperty("queued").GetInt64()} queued after {timeout.TotalSeconds:0} s (the drain goes on; follow it with `appliance node drain-status`)");
                    return 1;
                }
                await Task.Delay(PollInterval, cancellationToken);
                using var poll = await http.GetAsync("api/v1/cluster/drain", cancellationToken);
                var text = await poll.Content.ReadAsStringAsync(cancellationToken);
                if (!poll.IsSuccessStatusCode)
                {
                    await error.WriteLineAsync($"node drain: {baseUrl}: {ProblemText.Describe((int)poll.StatusCode, poll.ReasonPhrase, text)}");
                    return 1;
                }
                status = JsonDocument.Parse(text).RootElement.Clone();
                if (status.GetProperty("queued").GetInt64() != last.GetProperty("queued").GetInt64() || status.GetProperty("lastError").ToString() != last.GetProperty("lastError").ToString())
                    Write(text);
                last = status;
            }
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"node {verb}: {baseUrl}: not reachable: {e.Message}");
            return 1;
        }
    }

    private static bool IsDrained(JsonElement s) => s.GetProperty("state").GetString() == "drained";

    private JsonElement Write(string body)
    {
        var s = JsonDocument.Parse(body).RootElement.Clone();
        var lastError = s.GetProperty("lastError");
        var suffix = lastError.ValueKind == JsonValueKind.String ? $" (last error: {lastError.GetString()})" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.GetProperty("node").GetString()}: {s.GetProperty("state").GetString()}, {s.GetProperty("queued").GetInt64()} queued, {s.GetProperty("handedOver").GetInt64()} handed over{suffix}"));
        return s;
    }

    private async Task<int> UsageAsync(string message)
    {
        await error.WriteLineAsync("node: " + message);
        await error.WriteLineAsync(Usage);
        return 2;
    }
}
