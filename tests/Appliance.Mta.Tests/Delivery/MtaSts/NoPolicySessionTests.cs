using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Dns.Fakes;
using Appliance.Mta.Tests.Shaping;
using Appliance.Mta.Tests.Smtp.Client;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>
/// TLS-RPT for domains without an MTA-STS policy (RFC 8460 §4.4 no-policy-found) through the real dispatcher and a
/// real peer (Debian's aiosmtpd, no STARTTLS): every connection that carried mail for the domain is one session, however
/// many messages it carried.
/// </summary>
[Collection("shaping-sockets")]
public sealed class NoPolicySessionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("no-policy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [AiosmtpdFact]
    public async Task Each_connection_is_one_session_reported_as_starttls_not_supported()
    {
        var reports = new TlsReportStore();
        using var http = new FakePolicyHttpHandler();
        using var fetcher = new MtaStsPolicyFetcher(new MtaStsOptions(), http);
        var enforcer = new MtaStsEnforcer(new MtaStsPolicyResolver(new FakeDnsResolver(), fetcher, new MtaStsPolicyStore(_folder),
            new FakeTimeProvider()), new MtaStsTrust(), reports, new MtaStsOptions());
        await using var h = await ShapingHarness.StartAsync(o => o.Delivery.IdleTimeout = TimeSpan.FromSeconds(10), enforcer);
        h.Override(new ShapingLimits { MaxConnections = 1, MessagesPerConnection = 3 });
        Assert.Empty(h.Egress.Replace(new Appliance.Mta.Egress.EgressPlan
        {
            Sources = [new("bound", System.Net.IPAddress.Parse("127.0.0.2"))],
            Pools = [new("default", [new("bound")])],
        }));
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0; // after the sink's readiness probe

        for (var i = 0; i < 6; i++) await h.SendAsync("news@app.test", $"user{i}@other.test");
        Assert.Equal(6, (await h.Sink.WaitForDeliveriesAsync(6, TimeSpan.FromSeconds(30))).Count);

        var connections = h.Sink.Events().Count(e => e.Event == "connect" && e.T >= started);
        var entry = Assert.Single(reports.Snapshot(), c => c.PolicyDomain == "other.test");
        Assert.Equal(TlsReportStore.NoPolicyFound, entry.PolicyType);
        Assert.Equal(0, entry.SuccessCount);
        var detail = Assert.Single(entry.Details);
        Assert.Equal(("starttls-not-supported", "mx.sink.test", "127.0.0.2"), (detail.ResultType, detail.ReceivingMx, detail.SendingMtaIp));
        Assert.Equal(connections, detail.Count);
        Assert.Equal(2, connections); // three messages per connection: sessions, not messages, are counted
    }
}
