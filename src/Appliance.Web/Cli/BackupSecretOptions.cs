using Appliance.Web.Modules.Backup;

namespace Appliance.Web.Cli;

/// <summary>
/// How `appliance backup` and `appliance restore` get the archive's secret: --passphrase-file FILE, --key-file FILE
/// (32 bytes or their base64), the APPLIANCE_BACKUP_PASSPHRASE environment variable, or --unencrypted (explicitly
/// none). Exactly one; files win over the environment.
/// </summary>
public static class BackupSecretOptions
{
    public const string EnvironmentVariable = "APPLIANCE_BACKUP_PASSPHRASE";
    public const string Unencrypted = "unencrypted";
    public static readonly IReadOnlySet<string> Options = new HashSet<string> { "passphrase-file", "key-file", Unencrypted };

    public const string Usage = """
          --passphrase-file FILE  encrypt/decrypt with the passphrase in FILE (at least 12 characters; or set APPLIANCE_BACKUP_PASSPHRASE)
          --key-file FILE         encrypt/decrypt with the 32-byte key in FILE (raw or base64: openssl rand -base64 32 > FILE)
          --unencrypted           no encryption (the archive then holds the Data Protection master key, TLS key and VERP key in clear)
        """;

    public const string ContentsWarning =
        "WARNING: this backup is NOT encrypted. It contains the Data Protection master key (it decrypts the DKIM private keys, " +
        "webhook secrets and stored passwords), the TLS private key and the VERP HMAC key. Keep it as safe as the server itself.";

    /// <summary>The secret, or null with <see cref="Unencrypted"/>; an error message when none or several were given or a file is unusable.</summary>
    public static (BackupKey? Key, string? Error) Resolve(CliArgs parsed, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(environment);
        var passphraseFile = parsed.Get("passphrase-file");
        var keyFile = parsed.Get("key-file");
        var unencrypted = parsed.Has(Unencrypted);
        if ((passphraseFile is not null ? 1 : 0) + (keyFile is not null ? 1 : 0) + (unencrypted ? 1 : 0) > 1)
            return (null, "give only one of --passphrase-file, --key-file and --unencrypted");
        try
        {
            if (passphraseFile is not null) return (BackupKey.FromPassphrase(File.ReadAllText(passphraseFile).TrimEnd('\r', '\n')), null);
            if (keyFile is not null) return (BackupKey.FromKeyFile(File.ReadAllBytes(keyFile)), null);
            if (unencrypted) return (null, null);
            if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return (BackupKey.FromPassphrase(fromEnvironment), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BackupException)
        {
            return (null, e.Message);
        }
        return (null, $"backups are encrypted: give --passphrase-file FILE, --key-file FILE or {EnvironmentVariable}, or --unencrypted");
    }
}
