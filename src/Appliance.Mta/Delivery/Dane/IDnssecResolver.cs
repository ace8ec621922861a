using System.Net;
using Appliance.Mta.Dns;
using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// The DNS lookups DANE needs, each with its DNSSEC security status. Only meaningful when the configured resolvers
/// validate (<c>Appliance:Dns:DnssecValidating</c>): their AD bit is trusted as Postfix trusts it (RFC 7672 §2.1.1).
/// Implementations never throw for DNS outcomes.
/// </summary>
public interface IDnssecResolver
{
    /// <summary>The MX RRset of <paramref name="domain"/> (RFC 7672 §2.2.1).</summary>
    Task<SecureAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct);

    /// <summary>A and AAAA of <paramref name="host"/>: secure only when every family that answered is secure (RFC 7672 §2.2.2).</summary>
    Task<SecureAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct);

    /// <summary>The TLSA RRset at <paramref name="name"/>, e.g. "_25._tcp.mx.example" (RFC 6698 §3).</summary>
    Task<SecureAnswer<TlsaRecord>> ResolveTlsaAsync(string name, CancellationToken ct);
}
