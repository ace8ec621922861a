using System.Security.Cryptography;
using System.Text;

namespace Appliance.Mta.Security;

/// <summary>
/// A password stored the RFC 5802/7677 way: salt, iteration count, StoredKey and ServerKey.
/// It serves SCRAM-SHA-256 directly and verifies PLAIN/LOGIN passwords by recomputing StoredKey,
/// so no plaintext or reversible secret is kept. PBKDF2-SHA256 makes it a slow hash.
/// </summary>
public sealed record ScramSecret(byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>PBKDF2 iterations for new secrets (RFC 7677 §4 asks for at least 4096).</summary>
    public const int DefaultIterations = 20000;

    /// <summary>A new secret for <paramref name="password"/> with a random 16-byte salt.</summary>
    public static ScramSecret Create(string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Derive(password, salt, iterations);
    }

    /// <summary>The secret of <paramref name="password"/> for a given salt and iteration count (RFC 5802 §3).</summary>
    public static ScramSecret Derive(string password, byte[] salt, int iterations)
    {
        // RFC 5802 §3: SaltedPassword := Hi(Normalize(password), salt, i). SASLprep is reduced to NFKC here.
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return new ScramSecret(salt, iterations, storedKey, serverKey);
    }

    /// <summary>Constant-time check of a plaintext password (AUTH PLAIN / LOGIN).</summary>
    public bool Verify(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, Salt, Iterations).StoredKey, StoredKey);

    /// <summary>Text form for storage: "scram-sha-256$iter$salt$stored$server" (base64 parts).</summary>
    public string Serialize() =>
        $"scram-sha-256${Iterations}${Convert.ToBase64String(Salt)}${Convert.ToBase64String(StoredKey)}${Convert.ToBase64String(ServerKey)}";

    /// <summary>Reads the text form written by <see cref="Serialize"/>.</summary>
    public static ScramSecret Parse(string text)
    {
        var p = text.Split('$');
        if (p.Length != 5 || p[0] != "scram-sha-256") throw new FormatException("Not a SCRAM secret");
        return new ScramSecret(Convert.FromBase64String(p[2]), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(p[3]), Convert.FromBase64String(p[4]));
    }
}
