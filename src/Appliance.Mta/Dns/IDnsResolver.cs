using System.Net;

namespace Appliance.Mta.Dns;

/// <summary>
/// The engine's only door to DNS: a thin seam over DnsClient so tests use a programmable fake.
/// Implementations never throw for DNS outcomes (NXDOMAIN, SERVFAIL, timeout): they return a status.
/// </summary>
public interface IDnsResolver
{
    Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct);

    /// <summary>A and AAAA records of <paramref name="host"/>, IPv4 first then IPv6.</summary>
    Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct);

    /// <summary>
    /// TXT records of <paramref name="name"/>; each record's character-strings are concatenated
    /// without separator (RFC 7208 §3.3, RFC 7489 §6.6.3).
    /// </summary>
    Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct);

    /// <summary>PTR names of <paramref name="address"/> (in-addr.arpa / ip6.arpa), lower-case, without the trailing dot.</summary>
    Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct);
}
