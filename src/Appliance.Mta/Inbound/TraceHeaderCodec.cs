using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>
/// The value of the X-Appliance-Id trace header added at reception: base64url("tenant\nreceived-unix-ms") "."
/// base64url(HMAC-SHA256, 12 bytes). Feedback reports quote the original headers (RFC 5965 §2 third part), so a
/// complaint without a VERP return path still names its tenant; a forged value decodes to null.
/// </summary>
public sealed class TraceHeaderCodec(FeedbackKey key)
{
    /// <summary>Name of the trace header field added to relayed mail.</summary>
    public const string HeaderName = "X-Appliance-Id";
    private const string Purpose = "trace";

    /// <summary>
    /// The signed trace value for a message of <paramref name="tenantId"/> received at <paramref name="receivedAt"/>
    /// (millisecond precision).
    /// </summary>
    public string Encode(string tenantId, DateTimeOffset receivedAt)
    {
        var payload = Encoding.UTF8.GetBytes(tenantId + "\n" + receivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(key.Sign(Purpose, payload, 12));
    }

    /// <summary>The tenant and reception time of a trace value this appliance made, or null.</summary>
    public (string TenantId, DateTimeOffset ReceivedAt)? TryDecode(string? value)
    {
        var text = value?.Trim();
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0 || text.Length > 512) return null;
        try
        {
            var payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            if (mac.Length != 12 || !key.Verify(Purpose, payload, mac)) return null;
            var parts = Encoding.UTF8.GetString(payload).Split('\n');
            return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? (parts[0], DateTimeOffset.FromUnixTimeMilliseconds(ms)) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
