using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// What a webhook receiver does with <c>X-Appliance-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, written here
/// independently of the product: v1 must equal lowercase hex HMAC-SHA256(secret, "&lt;t&gt;." + body).
/// </summary>
public static class WebhookSignatureCheck
{
    /// <summary>True when the header's MAC matches and its timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool IsValid(string secret, string? header, byte[] body, TimeSpan tolerance)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Trim().Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) || !long.TryParse(t, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if ((DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(t + ".").Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }
}
