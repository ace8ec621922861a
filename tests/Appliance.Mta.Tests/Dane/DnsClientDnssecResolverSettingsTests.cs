using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.Dane;

namespace Appliance.Mta.Tests.Dane;

/// <summary>The DNSSEC resolver asks the servers of the snapshot in force: a DNS change rebuilds its client, other changes and queries do not.</summary>
public sealed class DnsClientDnssecResolverSettingsTests
{
    [Fact]
    public void Servers_follow_the_published_snapshot_without_a_new_resolver()
    {
        var settings = new MtaSettings(new MtaOptions { Dns = { Servers = ["127.0.0.1:5301"], DnssecValidating = true } });
        var resolver = new DnsClientDnssecResolver(settings);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 5301)], resolver.Servers);

        Assert.Empty(settings.TryPublish(o => o with { Dns = o.Dns with { Servers = ["127.0.0.2:5302"] } }));

        Assert.Equal([new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5302)], resolver.Servers);
        Assert.Equal(2, resolver.ClientBuilds);
    }

    [Fact]
    public void A_publish_that_leaves_the_dns_section_as_it_was_keeps_the_client()
    {
        var settings = new MtaSettings(new MtaOptions { Dns = { Servers = ["127.0.0.1:5301"] } });
        var resolver = new DnsClientDnssecResolver(settings);
        _ = resolver.Servers;

        Assert.Empty(settings.TryPublish(o => o with { Hostname = "renamed.test", Dns = o.Dns with { } }));
        _ = resolver.Servers;
        _ = resolver.Servers;

        Assert.Equal(1, resolver.ClientBuilds);
    }
}
