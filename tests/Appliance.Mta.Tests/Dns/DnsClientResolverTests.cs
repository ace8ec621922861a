using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Tests.Dns.Fakes;

namespace Appliance.Mta.Tests.Dns;

/// <summary>DnsClientResolver against a real dnsmasq on loopback.</summary>
public class DnsClientResolverTests(DnsmasqFixture dnsmasq) : IClassFixture<DnsmasqFixture>
{
    private DnsClientResolver Resolver(string? server = null) =>
        new(new MtaSettings(new MtaOptions { Dns = { Servers = [server ?? dnsmasq.Server], Timeout = TimeSpan.FromSeconds(2) } }));

    [DnsmasqFact]
    public async Task Single_mx_is_returned_without_trailing_dot()
    {
        var answer = await Resolver().ResolveMxAsync("single.test", default);

        Assert.Equal(DnsStatus.Ok, answer.Status);
        Assert.Equal(new MxRecordData("mx.single.test", 10), Assert.Single(answer.Records));
    }

    [DnsmasqFact]
    public async Task Servers_are_read_from_the_snapshot_in_force_and_the_client_is_rebuilt_only_when_they_change()
    {
        var settings = new MtaSettings(new MtaOptions { Dns = { Servers = [$"127.0.0.1:{ClosedUdpPort()}"], Timeout = TimeSpan.FromSeconds(1) } });
        var resolver = new DnsClientResolver(settings);
        Assert.NotEqual(DnsStatus.Ok, (await resolver.ResolveMxAsync("single.test", default)).Status);

        Assert.Empty(settings.TryPublish(o => o with { Dns = o.Dns with { Servers = [dnsmasq.Server], Timeout = TimeSpan.FromSeconds(2) } }));

        var answer = await resolver.ResolveMxAsync("single.test", default);
        Assert.Equal(DnsStatus.Ok, answer.Status);
        Assert.Equal(new MxRecordData("mx.single.test", 10), Assert.Single(answer.Records));
        Assert.Equal(2, resolver.ClientBuilds);

        // Further queries and a publish that leaves the DNS section as it was keep the client.
        await resolver.ResolveMxAsync("multi.test", default);
        Assert.Empty(settings.TryPublish(o => o with { Hostname = "renamed.test", Dns = o.Dns with { } }));
        Assert.Equal(DnsStatus.Ok, (await resolver.ResolveMxAsync("single.test", default)).Status);
        Assert.Equal(2, resolver.ClientBuilds);
    }

    private static int ClosedUdpPort()
    {
        using var socket = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    [DnsmasqFact]
    public async Task Multiple_mx_records_are_all_returned()
    {
        var answer = await Resolver().ResolveMxAsync("multi.test", default);

        Assert.Equal(DnsStatus.Ok, answer.Status);
        Assert.Equal(
            ["10 mx1.multi.test", "10 mx3.multi.test", "20 mx2.multi.test"],
            answer.Records.Select(r => $"{r.Preference} {r.Exchange}").Order());
    }

    [DnsmasqFact]
    public async Task Name_with_only_addresses_has_no_mx_data_and_both_address_families()
    {
        var resolver = Resolver();

        var mx = await resolver.ResolveMxAsync("implicit.test", default);
        var addresses = await resolver.ResolveAddressesAsync("implicit.test", default);

        Assert.Equal(DnsStatus.NoData, mx.Status);
        Assert.Empty(mx.Records);
        Assert.Equal(DnsStatus.Ok, addresses.Status);
        Assert.Equal([IPAddress.Parse("127.0.0.5"), IPAddress.Parse("::5")], addresses.Records);
    }

    [DnsmasqFact]
    public async Task Null_mx_is_reported_as_root_exchange()
    {
        var answer = await Resolver().ResolveMxAsync("null.test", default);

        var record = Assert.Single(answer.Records);
        Assert.True(record.IsNullMx);
        Assert.Equal(0, record.Preference);
    }

    [DnsmasqFact]
    public async Task Unknown_name_is_nxdomain_for_mx_and_addresses()
    {
        var resolver = Resolver();

        Assert.Equal(DnsStatus.NxDomain, (await resolver.ResolveMxAsync("nothing-here.test", default)).Status);
        Assert.Equal(DnsStatus.NxDomain, (await resolver.ResolveAddressesAsync("nothing-here.test", default)).Status);
    }

    [DnsmasqFact]
    public async Task Refused_query_is_a_transient_server_failure()
    {
        var answer = await Resolver().ResolveMxAsync("example.invalid", default);

        Assert.Equal(DnsStatus.ServerFailure, answer.Status);
        Assert.True(answer.IsTransient);
    }

    [DnsmasqFact]
    public async Task Next_hop_plan_from_real_dns_skips_mx_hosts_without_address()
    {
        var resolver = new NextHopResolver(Resolver(), new FakeRouteTable(), new MtaSettings(new MtaOptions()), TimeProvider.System, new Random(3));

        var plan = await resolver.ResolveAsync("multi.test", default);
        var nullMx = await resolver.ResolveAsync("null.test", default);

        Assert.Equal(NextHopOutcome.Ok, plan.Outcome);
        Assert.Equal(["mx1.multi.test", "mx2.multi.test"], plan.Hosts.Select(h => h.Name));
        Assert.Equal([IPAddress.Parse("127.0.0.4"), IPAddress.Parse("::4")], plan.Hosts[1].Addresses);
        Assert.Equal("mx1.multi.test,mx2.multi.test,mx3.multi.test", plan.SiteKey);
        Assert.Equal(NextHopOutcome.PermanentFailure, nullMx.Outcome);
        Assert.Equal(556, nullMx.Failure!.Code);
    }
}
