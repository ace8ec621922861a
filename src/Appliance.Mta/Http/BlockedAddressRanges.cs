using System.Net;

namespace Appliance.Mta.Http;

/// <summary>
/// The address ranges outbound HTTP never connects to unless an administrator allows them
/// (<see cref="OutboundHttpOptions.AllowedNetworks"/>): the appliance itself, its private networks and everything that
/// is not a unicast public address. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64) are judged by
/// the IPv4 address they carry. Rules as data: one row per range, with the name shown in refusals.
/// </summary>
public static class BlockedAddressRanges
{
    /// <summary>Each blocked network with its reason.</summary>
    public static IReadOnlyList<(IPNetwork Network, string Reason)> Ranges { get; } =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (RFC 1122 §3.2.1.3 \"this network\")"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space / CGNAT (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (RFC 1122)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (RFC 3927)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (RFC 2544)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (RFC 5771)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved / broadcast (RFC 1112, RFC 919)"),
        (IPNetwork.Parse("::/128"), "unspecified (RFC 4291)"),
        (IPNetwork.Parse("::1/128"), "loopback (RFC 4291)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (RFC 4291)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (RFC 3879)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (RFC 4193)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (RFC 4291)"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>Why <paramref name="address"/> is refused, or null when it is a public unicast address.</summary>
    public static string? ReasonFor(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var (network, reason) in Ranges)
            if (network.Contains(address)) return reason;
        if (EmbeddedIPv4(address) is { } v4 && ReasonFor(v4) is { } inner) return inner + " in an IPv6 form";
        return null;
    }

    /// <summary>The IPv4 address an IPv6 address carries (RFC 4291 §2.5.5 mapped and compatible forms, RFC 6052
    /// well-known NAT64 prefix), else null.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (Compatible.Contains(address) || Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return null;
    }
}
