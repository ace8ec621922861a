using System.IO.Hashing;
using System.Text;

namespace Appliance.Mta.Events.Index;

/// <summary>
/// The keys an event is indexed under, as 64-bit XxHash64 values of "field\0value": message id (queue id and
/// Message-ID header), recipient and sender (whole address and "@domain", lower-cased) and tenant. A hash collision
/// only costs a wasted read: every candidate line is parsed and checked with <see cref="EventQuery.Matches"/>.
/// </summary>
public static class EventIndexKeys
{
    /// <summary>The key of a queue id or Message-ID value.</summary>
    public static ulong MessageId(string id) => Hash('m', id);

    /// <summary>
    /// The key of an address or "@domain" (lower-cased) under <paramref name="field"/>: 'r'/'s' for a whole
    /// recipient/sender, 'R'/'S' for its domain.
    /// </summary>
    public static ulong Address(char field, string address) => Hash(field, address.ToLowerInvariant());

    /// <summary>The key of a tenant id (case-sensitive).</summary>
    public static ulong Tenant(string tenant) => Hash('t', tenant);

    /// <summary>Every key of <paramref name="e"/>.</summary>
    public static IEnumerable<ulong> Of(MtaEvent e)
    {
        if (e.MessageId is { Length: > 0 } id) yield return MessageId(id);
        if (e.MessageIdHeader is { Length: > 0 } header && header != e.MessageId) yield return MessageId(header);
        foreach (var key in AddressKeys('r', e.Recipient)) yield return key;
        foreach (var key in AddressKeys('s', e.Sender)) yield return key;
        if (e.Tenant is { Length: > 0 } tenant) yield return Tenant(tenant);
    }

    /// <summary>
    /// The most selective key of <paramref name="query"/> (message id, then whole addresses, then domains, then
    /// tenant), or null when the query names none and files must be scanned.
    /// </summary>
    public static ulong? Best(EventQuery query)
    {
        if (query.MessageId is { Length: > 0 } id) return MessageId(id);
        if (query.Recipient is { Length: > 0 } r && !r.StartsWith('@')) return Address('r', r);
        if (query.Sender is { Length: > 0 } s && !s.StartsWith('@')) return Address('s', s);
        if (query.Recipient is { Length: > 1 } rd) return Address('R', rd);
        if (query.Sender is { Length: > 1 } sd) return Address('S', sd);
        if (query.Tenant is { Length: > 0 } t) return Tenant(t);
        return null;
    }

    private static IEnumerable<ulong> AddressKeys(char field, string? address)
    {
        if (string.IsNullOrEmpty(address)) yield break;
        yield return Address(field, address);
        var at = address.LastIndexOf('@');
        // A domain query "@example.com" matches by suffix; the index holds the address's own domain.
        if (at >= 0) yield return Address(char.ToUpperInvariant(field), address[at..]);
    }

    private static ulong Hash(char field, string value)
    {
        Span<byte> buffer = stackalloc byte[2 + Encoding.UTF8.GetMaxByteCount(Math.Min(value.Length, 512))];
        buffer[0] = (byte)field;
        buffer[1] = 0;
        var n = Encoding.UTF8.GetBytes(value.AsSpan(0, Math.Min(value.Length, 512)), buffer[2..]);
        return XxHash64.HashToUInt64(buffer[..(n + 2)]);
    }
}
