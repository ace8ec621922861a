using System.Net;

namespace Appliance.Mta.Dns.Spf;

/// <summary>
/// One parsed mechanism: its qualifier as the result it yields on match, the domain-spec (unexpanded, null
/// means the current domain), the network for ip4/ip6, and the dual CIDR lengths (RFC 7208 §5.6).
/// </summary>
public sealed record SpfTerm(
    SpfResult Qualifier,
    SpfMechanismKind Kind,
    string? DomainSpec,
    IPAddress? Network,
    int Cidr4,
    int Cidr6,
    string Text)
{
    /// <summary>Terms that cost a DNS lookup towards the limit of 10 (RFC 7208 §4.6.4).</summary>
    public bool CountsAsDnsLookup => Kind is SpfMechanismKind.Include or SpfMechanismKind.A or SpfMechanismKind.Mx
        or SpfMechanismKind.Ptr or SpfMechanismKind.Exists;
}
