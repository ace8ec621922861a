namespace Appliance.Mta.Tests.Dns;

/// <summary>A fact that needs Debian's dnsmasq (package dnsmasq-base); skipped with the reason when it is missing.</summary>
public sealed class DnsmasqFactAttribute : FactAttribute
{
    public const string Path = "/usr/sbin/dnsmasq";

    public DnsmasqFactAttribute()
    {
        if (!File.Exists(Path)) Skip = $"{Path} is missing: apt-get install dnsmasq-base to run the real-DNS tests";
    }
}
