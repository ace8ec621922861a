using System.Globalization;
using System.Text.Json;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance status`: the running service's /api/v1/system/status as a few readable lines (version, uptime, listeners,
/// queue depth, disk guard, last alerts). Exit 0 when the service answers "ok", 3 when it is starting or cannot be
/// reached (as `systemctl status` and LSB do for "not running"), 2 for a usage error.
/// </summary>
public sealed class StatusCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    public const int NotRunning = 3;

    public const string Usage = "Usage: appliance status [--url URL] [--api-key KEY] [--insecure]\n" + CliApiConnection.OptionsUsage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { "insecure" });
        var unknown = parsed.Unknown(new HashSet<string>(CliApiConnection.Options)).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 0)
        {
            await error.WriteLineAsync("status: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "no arguments expected")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var baseUrl = CliApiConnection.BaseUrl(parsed, environment);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "status", TimeSpan.FromSeconds(10));
        if (http is null) return 2;
        try
        {
            using var response = await http.GetAsync("api/v1/system/status", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"status: {baseUrl}: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return NotRunning;
            }
            using var json = JsonDocument.Parse(body);
            return Write(json.RootElement) ? 0 : NotRunning;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"status: {baseUrl}: not reachable: {e.Message}");
            return NotRunning;
        }
    }

    private bool Write(JsonElement s)
    {
        var status = s.GetProperty("status").GetString();
        output.WriteLine($"Appliance {s.GetProperty("version").GetString()} on {s.GetProperty("hostname").GetString()}: {status}");
        output.WriteLine($"Uptime:     {FormatUptime(TimeSpan.FromSeconds(s.GetProperty("uptimeSeconds").GetDouble()))} (since {s.GetProperty("startedAt").GetDateTimeOffset().ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC)");
        output.WriteLine("Listeners:");
        foreach (var l in s.GetProperty("listeners").EnumerateArray())
            output.WriteLine($"  {l.GetProperty("name").GetString(),-11} {l.GetProperty("address").GetString()}");
        var queued = s.GetProperty("queuedMessages");
        output.WriteLine($"Queue:      {(queued.ValueKind == JsonValueKind.Number ? queued.GetInt32().ToString(CultureInfo.InvariantCulture) + " messages" : "unknown")}");
        var disk = s.GetProperty("diskLow");
        output.WriteLine($"Disk guard: {(disk.ValueKind == JsonValueKind.True ? "LOW SPACE: new mail is refused with 452 4.3.1" : disk.ValueKind == JsonValueKind.False ? "ok" : "unknown")}");
        var alerts = s.GetProperty("recentAlerts");
        if (alerts.GetArrayLength() == 0) output.WriteLine("Alerts:     none");
        else
        {
            output.WriteLine("Last alerts:");
            foreach (var a in alerts.EnumerateArray())
                output.WriteLine($"  {a.GetProperty("timestamp").GetDateTimeOffset().ToUniversalTime():yyyy-MM-dd HH:mm:ss}  {a.GetProperty("detail").GetString()}");
        }
        return status == "ok";
    }

    public static string FormatUptime(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{(int)t.TotalDays}d {t.Hours}h {t.Minutes}m"
        : t.TotalHours >= 1 ? $"{t.Hours}h {t.Minutes}m"
        : $"{t.Minutes}m {t.Seconds}s";
}
