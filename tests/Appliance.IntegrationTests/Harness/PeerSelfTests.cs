using System.Net;
using System.Text;
using Appliance.IntegrationTests.Infrastructure;
using DnsClient;
using DnsClient.Protocol;

namespace Appliance.IntegrationTests.Harness;

/// <summary>
/// The test peers themselves, without the appliance: if these fail, a scenario failure is the
/// harness's fault, not the product's.
/// </summary>
public sealed class PeerSelfTests
{
    [IntegrationFact(Tool.Dnsmasq)]
    public async Task Dnsmasq_ServesTheTestZone()
    {
        var dir = Path.Combine(Path.GetTempPath(), "appliance-it", "dns-self-" + TestMessages.Token());
        await using var dns = TestZone.Configure(new DnsmasqServer());
        await dns.StartAsync(dir);
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, dns.Port))
        {
            UseCache = false, Retries = 1, Timeout = TimeSpan.FromSeconds(3), ThrowDnsErrors = false,
        });

        var single = await client.QueryAsync(TestZone.Single, QueryType.MX);
        var multi = await client.QueryAsync(TestZone.Multi, QueryType.MX);
        var nullMx = await client.QueryAsync(TestZone.NullMx, QueryType.MX);
        var implicitMx = await client.QueryAsync(TestZone.Implicit, QueryType.MX);
        var implicitA = await client.QueryAsync(TestZone.Implicit, QueryType.A);
        var nx = await client.QueryAsync(TestZone.NxDomain, QueryType.MX);
        var mxA = await client.QueryAsync("mx." + TestZone.Single, QueryType.A);

        Assert.Equal("mx.single.test.", Assert.Single(single.Answers.MxRecords()).Exchange.Value);
        Assert.Equal([10, 20], multi.Answers.MxRecords().Select(m => (int)m.Preference).Order());
        var n = Assert.Single(nullMx.Answers.MxRecords());
        Assert.Equal(0, n.Preference);
        Assert.Equal(".", n.Exchange.Value);
        Assert.Equal(DnsHeaderResponseCode.NoError, implicitMx.Header.ResponseCode);
        Assert.Empty(implicitMx.Answers.MxRecords());
        Assert.Equal(TestZone.ImplicitA, Assert.Single(implicitA.Answers.ARecords()).Address.ToString());
        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, nx.Header.ResponseCode);
        Assert.Equal(TestZone.SingleMx, Assert.Single(mxA.Answers.ARecords()).Address.ToString());
        Directory.Delete(dir, recursive: true);
    }

    [IntegrationFact(Tool.Aiosmtpd | Tool.Python)]
    public async Task Sink_AnswersByLocalPartAndStoresExactData()
    {
        var dir = Path.Combine(Path.GetTempPath(), "appliance-it", "sink-self-" + TestMessages.Token());
        await using var sink = await AiosmtpdSink.StartAsync(dir, ["127.0.0.2", "127.0.0.3"]);
        var message = TestMessages.Build("a@sender.test", "ok@x.test", "self", withIdAndDate: true);

        // it listens on .2 and .3 only
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RawSmtpClient.ConnectAsync(sink.Port));

        var codes = new List<int>();
        await using (var s = await RawSmtpClient.ConnectAsync(IPAddress.Parse("127.0.0.2"), sink.Port, null))
        {
            Assert.Equal(220, (await s.ReadReplyAsync()).Code);
            Assert.Equal(250, (await s.CommandAsync("EHLO me")).Code);
            Assert.Equal(250, (await s.CommandAsync("MAIL FROM:<a@sender.test>")).Code);
            foreach (var r in new[] { "ok@x.test", "reject@x.test", "defer@x.test", "deferonce@x.test" })
            {
                codes.Add((await s.CommandAsync($"RCPT TO:<{r}>")).Code);
            }

            Assert.Equal(354, (await s.CommandAsync("DATA")).Code);
            await s.SendAsync(RawSmtpClient.DataPayload(message));
            Assert.Equal(250, (await s.ReadReplyAsync()).Code);
            Assert.Equal(250, (await s.CommandAsync("RSET")).Code);
            Assert.Equal(250, (await s.CommandAsync("MAIL FROM:<a@sender.test>")).Code);
            codes.Add((await s.CommandAsync("RCPT TO:<deferonce@x.test>")).Code);
        }

        Assert.Equal([250, 550, 451, 451, 250], codes);
        var m = Assert.Single(sink.Messages("127.0.0.2"));
        Assert.Equal(Encoding.Latin1.GetBytes(message), m.Data);
        Assert.Equal(["ok@x.test"], m.RcptTos);
        Assert.Equal("a@sender.test", m.MailFrom);
        Assert.Equal(5, sink.RcptAttempts("127.0.0.2").Count);
        Assert.Empty(sink.Messages("127.0.0.3"));
    }
}
