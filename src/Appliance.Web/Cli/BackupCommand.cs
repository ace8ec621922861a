namespace Appliance.Web.Cli;

/// <summary>
/// `appliance backup FILE [--include-events]`: asks the running service for a consistent snapshot
/// (GET /api/v1/system/backup) and writes it to FILE (through FILE.partial, renamed when complete).
/// </summary>
public sealed class BackupCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    private static readonly IReadOnlySet<string> Switches = new HashSet<string> { "include-events", "insecure" };
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(CliApiConnection.Options) { "include-events" };

    public const string Usage = "Usage: appliance backup FILE [--include-events] [--url URL] [--api-key KEY] [--insecure]\n"
        + "  Writes a consistent snapshot (database, keys, certificates, spool) of the running service to FILE (tar.gz).\n"
        + CliApiConnection.OptionsUsage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, Switches);
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 1)
        {
            await error.WriteLineAsync("backup: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected one output FILE")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var target = Path.GetFullPath(parsed.Positional[0]);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "backup", Timeout.InfiniteTimeSpan);
        if (http is null) return 2;
        var partial = target + ".partial";
        try
        {
            var uri = "api/v1/system/backup" + (parsed.Has("include-events") ? "?includeEvents=true" : "");
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                await error.WriteLineAsync($"backup: {ProblemText.Describe((int)response.StatusCode, response.ReasonPhrase, body)}");
                return 1;
            }
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
            {
                await response.Content.CopyToAsync(file, cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(partial, target, overwrite: true);
            await output.WriteLineAsync($"Backup written to {target} ({new FileInfo(target).Length:N0} bytes)");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            await error.WriteLineAsync($"backup: {e.Message}");
            return 1;
        }
    }
}
