using System.Security.Cryptography;
using System.Text;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// The secret a backup is encrypted with: a passphrase (stretched with PBKDF2-HMAC-SHA256, <see cref="Pbkdf2Iterations"/>
/// iterations, per-file salt) or a 32-byte key (from a key file; HKDF-SHA256 with the per-file salt). Never stored.
/// </summary>
public sealed class BackupKey
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int Pbkdf2Iterations = 600_000;

    /// <summary>Shortest passphrase accepted.</summary>
    public const int MinimumPassphraseLength = 12;

    public const int KeyLength = 32;

    private readonly string? _passphrase;
    private readonly byte[]? _key;

    private BackupKey(string? passphrase, byte[]? key)
    {
        _passphrase = passphrase;
        _key = key;
    }

    /// <summary>True for a passphrase, false for a raw key.</summary>
    public bool IsPassphrase => _passphrase is not null;

    /// <exception cref="BackupException">Shorter than <see cref="MinimumPassphraseLength"/> characters.</exception>
    public static BackupKey FromPassphrase(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length < MinimumPassphraseLength) throw new BackupException($"the backup passphrase must have at least {MinimumPassphraseLength} characters");
        return new BackupKey(passphrase, null);
    }

    /// <summary>A key file's content: exactly 32 bytes, or their base64 text (e.g. from `openssl rand -base64 32`).</summary>
    /// <exception cref="BackupException">Neither form.</exception>
    public static BackupKey FromKeyFile(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == KeyLength) return new BackupKey(null, content.ToArray());
        try
        {
            var decoded = Convert.FromBase64String(Encoding.ASCII.GetString(content).Trim());
            if (decoded.Length == KeyLength) return new BackupKey(null, decoded);
        }
        catch (FormatException)
        {
        }
        throw new BackupException($"a backup key file must hold exactly {KeyLength} bytes or their base64 text (openssl rand -base64 32)");
    }

    /// <summary>A key given as base64 text (the API's X-Backup-Key header).</summary>
    public static BackupKey FromBase64(string text) => FromKeyFile(Encoding.ASCII.GetBytes(text ?? ""));

    /// <summary>The base64 form of a raw key (what the CLI sends); null for a passphrase.</summary>
    public string? ToBase64() => _key is null ? null : Convert.ToBase64String(_key);

    /// <summary>The file key for one archive.</summary>
    internal byte[] Derive(byte[] salt, int iterations) => _passphrase is not null
        ? Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_passphrase), salt, iterations, HashAlgorithmName.SHA256, KeyLength)
        : HKDF.DeriveKey(HashAlgorithmName.SHA256, _key!, KeyLength, salt, "appliance backup v1"u8.ToArray());
}
