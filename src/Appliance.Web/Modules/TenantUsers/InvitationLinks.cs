using System.Security.Cryptography;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>One-time invitation tokens: 32 random bytes (base64url in the link), stored as their SHA-256 hash.</summary>
public static class InvitationLinks
{
    public const string PathPrefix = "/account/invitation/";

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256: the token has 256 bits of entropy, so a plain hash is enough (no salt, no stretching).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string Url(string publicBase, string token) => publicBase.TrimEnd('/') + PathPrefix + token;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
