namespace Appliance.Mta.Configuration;

public sealed record DnsOptions
{
    /// <summary>"ip:port" resolvers overriding the system ones (tests point this at dnsmasq on loopback).</summary>
    public List<string> Servers { get; set; } = [];

    /// <summary>Per-query timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
