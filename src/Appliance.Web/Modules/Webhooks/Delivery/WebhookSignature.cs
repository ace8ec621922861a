using System.Security.Cryptography;
using System.Text;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// The signature header of a webhook POST: <c>X-Appliance-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where
/// v1 is HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;") in lowercase hex. The timestamp is signed with the body, so a
/// receiver that rejects old timestamps (e.g. more than 5 minutes) is safe from replays.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Appliance-Signature";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Convert.ToHexStringLower(mac);
    }

    public static string Header(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds},v1={Compute(secret, unixSeconds, body)}";

    /// <summary>
    /// What a receiver does: parse the header, recompute the HMAC (constant-time compare) and reject timestamps
    /// further than <paramref name="tolerance"/> from <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (header is null) return false;
        long? t = null;
        string? v1 = null;
        foreach (var part in header.Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length != 2) continue;
            if (kv[0] == "t" && long.TryParse(kv[1], out var ts)) t = ts;
            else if (kv[0] == "v1") v1 = kv[1];
        }
        if (t is null || v1 is null) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(t.Value)).Duration() > tolerance) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, t.Value, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }
}
