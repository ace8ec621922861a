using System.Net;

namespace Appliance.Mta.Dns.Spf;

/// <summary>CIDR prefix comparison for ip4/ip6/a/mx (RFC 7208 §5.6).</summary>
public static class IpNetwork
{
    /// <summary>
    /// True when <paramref name="address"/> lies in <paramref name="network"/>/<paramref name="prefixLength"/>;
    /// addresses of different families never match (no IPv4-mapped IPv6 matching).
    /// </summary>
    public static bool Contains(IPAddress network, int prefixLength, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(address);
        if (network.AddressFamily != address.AddressFamily) return false;
        var a = network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var full = prefixLength / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != b[i]) return false;
        }
        var bits = prefixLength % 8;
        if (bits == 0) return true;
        var mask = (byte)(0xFF << (8 - bits));
        return (a[full] & mask) == (b[full] & mask);
    }
}
