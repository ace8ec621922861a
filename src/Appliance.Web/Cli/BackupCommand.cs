namespace Appliance.Web.Cli;

/// <summary>
/// `appliance backup FILE [--include-events] (--passphrase-file F | --key-file F | --unencrypted)`: asks the running
/// service for a consistent snapshot (GET /api/v1/system/backup, the secret in a header, <see cref="BackupSecretOptions"/>)
/// and writes it to FILE (through FILE.partial, renamed when complete). Encrypted unless --unencrypted.
/// </summary>
public sealed class BackupCommand(TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = CliApiConnection.DefaultApiKeyFile)
{
    private static readonly IReadOnlySet<string> Switches = new HashSet<string> { "include-events", "insecure", BackupSecretOptions.Unencrypted };
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(CliApiConnection.Options.Concat(BackupSecretOptions.Options)) { "include-events" };

    public const string Usage = "Usage: appliance backup FILE (--passphrase-file F | --key-file F | --unencrypted) [--include-events] [--url URL] [--api-key KEY] [--insecure]\n"
        + "  Writes a consistent snapshot (database, keys, certificates, spool) of the running service to FILE, encrypted (AES-256-GCM).\n"
        + BackupSecretOptions.Usage + "\n"
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
        var (key, keyError) = BackupSecretOptions.Resolve(parsed, environment);
        if (keyError is not null)
        {
            await error.WriteLineAsync("backup: " + keyError);
            return 2;
        }
        if (key is null) await error.WriteLineAsync("backup: " + BackupSecretOptions.ContentsWarning);
        var target = Path.GetFullPath(parsed.Positional[0]);
        using var http = await CliApiConnection.CreateAsync(parsed, environment, apiKeyFile, error, "backup", Timeout.InfiniteTimeSpan);
        if (http is null) return 2;
        var partial = target + ".partial";
        try
        {
            var query = new List<string>();
            if (parsed.Has("include-events")) query.Add("includeEvents=true");
            if (key is null) query.Add("unencrypted=true");
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/system/backup" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
            if (key?.ToBase64() is { } rawKey) request.Headers.TryAddWithoutValidation(Modules.Backup.BackupModule.KeyHeader, rawKey);
            else if (key is not null) request.Headers.TryAddWithoutValidation(Modules.Backup.BackupModule.PassphraseHeader, PassphraseOf(parsed, environment));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
            await output.WriteLineAsync($"Backup written to {target} ({new FileInfo(target).Length:N0} bytes, {(key is null ? "NOT encrypted" : "encrypted")})");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            await error.WriteLineAsync($"backup: {e.Message}");
            return 1;
        }
    }

    /// <summary>The passphrase as given (file or environment); <see cref="BackupSecretOptions.Resolve"/> has checked it.</summary>
    private static string PassphraseOf(CliArgs parsed, Func<string, string?> environment) =>
        parsed.Get("passphrase-file") is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : environment(BackupSecretOptions.EnvironmentVariable)!;
}
