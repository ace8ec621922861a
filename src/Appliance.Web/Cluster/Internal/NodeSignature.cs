using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Web.Cluster.Internal;

/// <summary>
/// The node-to-node request signature (docs/cluster.md, "Node-to-node security"): HMAC-SHA256 with the cluster secret
/// (<see cref="ClusterOptions.Secret"/>) over the method, the request target as sent (path and query), the Unix time,
/// a random nonce, the calling node's name and the SHA-256 of the body. The receiver recomputes it, compares in
/// constant time, refuses a timestamp outside <see cref="ClusterOptions.SignatureWindow"/> and a nonce it has already
/// seen inside that window (a replay).
/// </summary>
public static class NodeSignature
{
    public const string NodeHeader = "X-Appliance-Node";
    public const string TimestampHeader = "X-Appliance-Timestamp";
    public const string NonceHeader = "X-Appliance-Nonce";
    public const string SignatureHeader = "X-Appliance-Signature";

    /// <summary>The version tag at the start of the signed text (a later scheme gets another one).</summary>
    public const string Scheme = "appliance-node-v1";

    /// <summary>The text that is signed, one field per line.</summary>
    public static string Canonical(string method, string target, long timestamp, string nonce, string node, ReadOnlySpan<byte> body) =>
        string.Join('\n', Scheme, method.ToUpperInvariant(), target, timestamp.ToString(CultureInfo.InvariantCulture), nonce, node,
            Convert.ToHexStringLower(SHA256.HashData(body)));

    /// <summary>The signature (base64) of <paramref name="canonical"/> with <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string canonical) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical)));

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="canonical"/> (constant-time compare).</summary>
    public static bool Matches(string secret, string canonical, string signature)
    {
        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, given, out var written) || written != 32) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(canonical));
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }

    /// <summary>A fresh random nonce (128 bits, hex).</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
