using System.Net;

namespace Appliance.Mta.Dns;

/// <summary>
/// The engine's only door to DNS: a thin seam over DnsClient so tests use a programmable fake.
/// Implementations never throw for DNS outcomes (NXDOMAIN, SERVFAIL, timeout): they return a status.
/// </summary>
public interface IDnsResolver
{
    /// <summary>
    /// MX records of <paramref name="domain"/> with their preference, host names lower-case without the trailing dot; a
    /// null MX (RFC 7505: one record, ".") keeps "." as its host name (<see cref="MxRecordData.IsNullMx"/>).
    /// </summary>
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

    /// <summary>
    /// TLSA records of <paramref name="name"/> (e.g. <c>_25._tcp.mx.example.com</c>, RFC 6698 §3, RFC 7672 §2.2) in
    /// presentation form "usage selector matching-type hex", the hex in lower case. Says nothing about DNSSEC: for
    /// advice and health checks, not for delivery decisions. Resolvers without TLSA support answer ServerFailure.
    /// </summary>
    Task<DnsAnswer<string>> ResolveTlsaAsync(string name, CancellationToken ct) =>
        Task.FromResult(DnsAnswer<string>.Fail(DnsStatus.ServerFailure));
}
