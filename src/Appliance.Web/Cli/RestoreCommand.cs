using Appliance.Mta.Configuration;
using Appliance.Web.Modules.Backup;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance restore FILE (--passphrase-file F | --key-file F | --unencrypted) [--config FILE] [--data-dir DIR]`
/// (offline, service stopped): decrypts (every chunk authenticated: an altered archive is refused) and unpacks a backup
/// into DataDir; the folder's previous contents move to DataDir/.before-restore-{time}. Start the service afterwards:
/// it migrates the restored database if it is older and delivers the restored queue.
/// </summary>
public sealed class RestoreCommand(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(BackupSecretOptions.Options) { "config", "data-dir" };

    public const string Usage = """
        Usage: appliance restore FILE (--passphrase-file F | --key-file F | --unencrypted) [--config FILE] [--data-dir DIR]
          Restores a backup made by `appliance backup` into DataDir (from /etc/appliance/appsettings.json or
          --data-dir) while the service is stopped. The previous contents are kept in DataDir/.before-restore-TIME.
          An unencrypted archive is restored only with --unencrypted.
        """ + "\n" + BackupSecretOptions.Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string> { BackupSecretOptions.Unencrypted });
        var unknown = parsed.Unknown(Known).FirstOrDefault();
        if (parsed.Error is not null || unknown is not null || parsed.Positional.Count != 1)
        {
            await error.WriteLineAsync("restore: " + (parsed.Error ?? (unknown is not null ? $"unknown option --{unknown}" : "expected one backup FILE")));
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var archive = parsed.Positional[0];
        if (!File.Exists(archive))
        {
            await error.WriteLineAsync($"restore: no such file {archive}");
            return 1;
        }
        var (key, keyError) = BackupSecretOptions.Resolve(parsed, environment ?? Environment.GetEnvironmentVariable);
        if (keyError is not null)
        {
            await error.WriteLineAsync("restore: " + keyError);
            return 2;
        }
        var configuration = AdminResetPasswordCommand.BuildConfiguration(parsed.Get("config"), parsed.Get("data-dir"));
        var options = configuration.GetSection(MtaOptions.Section).Get<MtaOptions>() ?? new MtaOptions();
        var dataDir = Path.GetFullPath(options.DataDir);
        if (configuration.GetSection(Data.Storage.DatabaseOptions.Section).Get<Data.Storage.DatabaseOptions>() is { Provider: Data.Storage.DatabaseProvider.PostgreSql })
        {
            await error.WriteLineAsync("restore: " + Modules.Backup.BackupService.PostgreSqlRefusal + " Restore the database with pg_restore and copy the data folder back.");
            return 1;
        }
        try
        {
            var manifest = await new BackupRestorer(TimeProvider.System).RestoreAsync(archive, dataDir, key, cancellationToken);
            await output.WriteLineAsync($"Restored the backup of {manifest.Hostname} taken {manifest.CreatedAt:u} into {dataDir} ({manifest.SpoolSegments} spool segments).");
            await output.WriteLineAsync("Start the service to deliver the restored queue.");
            return 0;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"restore: {e.Message}");
            return 1;
        }
    }
}
