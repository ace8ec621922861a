using System.Buffers.Text;
using System.Text;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Signed one-click unsubscribe tokens (RFC 8058 §3.1 wants the URI to identify the recipient without any other
/// input): base64url("tenant\nrecipient") "." base64url(HMAC-SHA256, 16 bytes). Nobody without the key can make a
/// token for another address; a forged or altered token decodes to null.
/// </summary>
public sealed class UnsubscribeTokenCodec(FeedbackKey key)
{
    private const string Purpose = "unsubscribe";

    /// <summary>The signed token for <paramref name="token"/>'s tenant and recipient (URL-safe, no padding).</summary>
    public string Encode(UnsubscribeToken token)
    {
        var payload = Encoding.UTF8.GetBytes(token.TenantId + "\n" + token.Recipient);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(key.Sign(Purpose, payload, 16));
    }

    /// <summary>
    /// The tenant and recipient of a token this appliance made; null for null, empty, over-long (above 2048
    /// characters), malformed, forged or altered text.
    /// </summary>
    public UnsubscribeToken? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2048) return null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        try
        {
            var payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            if (mac.Length != 16 || !key.Verify(Purpose, payload, mac)) return null;
            var parts = Encoding.UTF8.GetString(payload).Split('\n');
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Contains('@', StringComparison.Ordinal) ? new UnsubscribeToken(parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
