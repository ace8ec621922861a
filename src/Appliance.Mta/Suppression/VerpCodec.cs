using System.Buffers.Binary;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Suppression;

/// <summary>
/// VERP return paths "&lt;prefix&gt;-&lt;token&gt;@&lt;return-path domain&gt;": the token is base32 of the spool id (8 bytes),
/// the recipient index (2 bytes) and an HMAC-SHA256 truncated to 8 bytes over both and the domain, 29 characters,
/// so the local part stays far below RFC 5321 §4.5.3.1.1's 64 octets. A bounce to the address names message and
/// recipient even when its body is useless; a forged or altered address fails verification.
/// </summary>
public sealed class VerpCodec(FeedbackKey key, string prefix = "b")
{
    private const string Purpose = "verp";
    private const int MacLength = 8;

    /// <summary>The local-part prefix of the VERP addresses this codec makes and accepts.</summary>
    public string Prefix => prefix;

    /// <summary>
    /// The VERP address for <paramref name="token"/> at <paramref name="domain"/> (lower-cased); throws <see
    /// cref="ArgumentOutOfRangeException"/> for a recipient index above 65535.
    /// </summary>
    public string Encode(VerpToken token, string domain)
    {
        if (token.RecipientIndex is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(token));
        var d = domain.ToLowerInvariant();
        Span<byte> bytes = stackalloc byte[10 + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(bytes, token.MessageId.Value);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[8..], (ushort)token.RecipientIndex);
        key.Sign(Purpose, Signed(bytes[..10], d), MacLength).CopyTo(bytes[10..]);
        return $"{prefix}-{Base32Lower.Encode(bytes)}@{d}";
    }

    /// <summary>The token of a VERP address this appliance issued, or null (not VERP, bad encoding, bad signature).</summary>
    public VerpToken? TryDecode(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0) return null;
        var local = address[..at];
        var domain = address[(at + 1)..].ToLowerInvariant();
        if (!local.StartsWith(prefix + "-", StringComparison.OrdinalIgnoreCase)) return null;
        var bytes = Base32Lower.Decode(local[(prefix.Length + 1)..]);
        if (bytes is not { Length: 10 + MacLength }) return null;
        if (!key.Verify(Purpose, Signed(bytes.AsSpan(0, 10), domain), bytes.AsSpan(10))) return null;
        return new VerpToken(new SpoolId(BinaryPrimitives.ReadInt64BigEndian(bytes)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(8)));
    }

    private static byte[] Signed(ReadOnlySpan<byte> payload, string domain)
    {
        var d = System.Text.Encoding.ASCII.GetBytes(domain);
        var all = new byte[payload.Length + d.Length];
        payload.CopyTo(all);
        d.CopyTo(all, payload.Length);
        return all;
    }
}
