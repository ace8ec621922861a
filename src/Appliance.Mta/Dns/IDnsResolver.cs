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
}
