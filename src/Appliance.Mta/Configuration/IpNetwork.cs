using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Configuration;

/// <summary>
/// One CIDR block ("192.0.2.0/24", "2001:db8::/32", or a bare address). IPv4-mapped IPv6 client
/// addresses (::ffff:a.b.c.d, as a dual-mode socket reports them) match IPv4 blocks.
/// </summary>
internal readonly record struct IpNetwork(IPAddress Prefix, int PrefixLength)
{
    public static bool TryParse(string text, out IpNetwork network)
    {
        network = default;
        var s = text.AsSpan().Trim();
        var slash = s.IndexOf('/');
        var addressPart = slash < 0 ? s : s[..slash];
        if (!IPAddress.TryParse(addressPart, out var address)) return false;
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = max;
        if (slash >= 0 && (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
            return false;
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:a.b.c.d/n is the IPv4 block a.b.c.d/(n-96).
            if (length < 96) return false;
            address = address.MapToIPv4();
            length -= 96;
        }
        network = new IpNetwork(address, length);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Prefix.AddressFamily) return false;
        Span<byte> a = stackalloc byte[16];
        Span<byte> p = stackalloc byte[16];
        address.TryWriteBytes(a, out var n);
        Prefix.TryWriteBytes(p, out _);
        var bits = PrefixLength;
        for (var i = 0; i < n && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? (byte)0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (p[i] & mask)) return false;
        }
        return true;
    }

    public override string ToString() => $"{Prefix}/{PrefixLength}";
}
