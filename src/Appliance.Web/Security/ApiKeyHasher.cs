using System.Security.Cryptography;
using System.Text;
using Appliance.Web.Data.Entities;

namespace Appliance.Web.Security;

/// <summary>
/// API keys are 32 random bytes (base64url, "apk_" prefixed), so a single SHA-256 is enough: there is no
/// low-entropy secret to stretch. Lookup is by the first <see cref="ApiKey.PrefixLength"/> characters.
/// </summary>
public static class ApiKeyHasher
{
    public static string Generate() =>
        "apk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PrefixOf(string key) => key.Length <= ApiKey.PrefixLength ? key : key[..ApiKey.PrefixLength];

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Constant-time comparison of the presented key's hash with a stored one.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
