namespace Appliance.Mta.Configuration;

/// <summary>
/// DNS resolver settings (section "Appliance:Dns"): which servers, the per-query timeout, and whether they validate
/// DNSSEC.
/// </summary>
public sealed record DnsOptions
{
    /// <summary>"ip:port" resolvers overriding the system ones (tests point this at dnsmasq on loopback).</summary>
    public List<string> Servers { get; set; } = [];

    /// <summary>Per-query timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Declares that <see cref="Servers"/> validate DNSSEC (a loopback unbound): their AD bit is trusted and outbound
    /// DANE (RFC 7672) is used. Off by default: without a validating resolver there is no DANE (RFC 7672 §2.1.1).
    /// </summary>
    public bool DnssecValidating { get; set; }
}
