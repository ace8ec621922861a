using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19 on three nodes sharing PostgreSQL and Redis: complaint rates are cluster-wide. Three messages delivered by
/// node A and an ARF complaint (RFC 5965) about one of them received by node B make one rate for their tenant, 1
/// complaint in 3 deliveries, in <c>GET /api/v1/complaint-rates</c> on every node. Node B finds the tenant in the
/// signed trace header node A added: in cluster mode the nodes share one feedback key from the database, with no key
/// file copied. The return-path domain set on node A is answered for by nodes B and C within 2 seconds.
/// </summary>
public sealed class SharedComplaintRatesTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    private const string ReturnPathDomain = "rp.appliance.test";

    /// <summary>The ISP's address: outside the relay networks, so its report is inbound mail, not mail to relay.</summary>
    private static readonly IPAddress Outsider = IPAddress.Parse("127.0.0.9");

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Deliveries_on_A_and_a_complaint_on_B_make_one_rate_on_every_node()
    {
        // A return-path domain (under a sending domain of the default tenant) where feedback reports are taken in.
        using (var domain = await env.A.Api.Http.PostAsJsonAsync("api/v1/tenants/default/domains", new { name = "appliance.test" }))
            Assert.True(domain.IsSuccessStatusCode || domain.StatusCode == HttpStatusCode.Conflict, await domain.Content.ReadAsStringAsync());
        using (var settings = await env.A.Api.Http.PutAsJsonAsync("api/v1/suppressions/settings/default", new { action = "reject", returnPathDomain = ReturnPathDomain }))
            Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        // In force on every node within 2 s: the other nodes take RCPT for the report address (no "Relaying denied").
        foreach (var (node, name) in new[] { (env.B, "B"), (env.C, "C") })
        {
            SmtpWireReply rcpt = default!;
            var answered = await Eventually.TryAsync(async () => (rcpt = await RcptAsync(node)).Code == 250, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
            Assert.True(answered, $"node {name} does not take RCPT for fbl@{ReturnPathDomain} 2 s after the change on A: {rcpt}\n{env.Diagnostics()}");
        }

        var t = TestMessages.Token();
        var recipients = Enumerable.Range(1, 3).Select(i => $"c{i}-{t}@{TestZone.Single}").ToList();
        foreach (var to in recipients)
        {
            var sent = await SendAsync(env.A, $"news-{t}@{TestZone.SenderDomain}", to);
            Assert.True(sent.ExitCode == 0, sent.Output);
        }
        foreach (var to in recipients)
            Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count > 0, TimeSpan.FromSeconds(30)), $"not delivered: {to}\n{env.Diagnostics()}");

        var delivered = env.Sink.MessagesFor(TestZone.SingleMx, recipients[0])[0];
        var trace = delivered.Parse().Headers["X-Appliance-Id"];
        Assert.False(string.IsNullOrEmpty(trace), "no X-Appliance-Id trace header on the delivered message");
        var end = await SendArfAsync(env.B, Arf(delivered.MailFrom, recipients[0], trace));
        Assert.True(end.Code == 250, $"node B did not take the report in: {end}\n{env.Diagnostics()}");

        foreach (var (node, name) in env.Nodes.Zip(ClusterEnvironment.NodeNames))
        {
            JsonElement entry = default;
            var shared = await Eventually.TryAsync(async () =>
            {
                var rates = await node.Api.Http.GetFromJsonAsync<JsonElement>("api/v1/complaint-rates");
                entry = rates.GetProperty("tenants").EnumerateArray().FirstOrDefault(e => e.GetProperty("name").GetString() == "default");
                return entry.ValueKind == JsonValueKind.Object && entry.GetProperty("complaints").GetInt64() == 1 && entry.GetProperty("deliveries").GetInt64() == 3;
            }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(250));
            output.WriteLine($"{name}: {entry}");
            Assert.True(shared, $"{name} shows {entry}, not the cluster's 1 complaint / 3 deliveries\n{env.Diagnostics()}");
        }
    }

    private static async Task<SmtpWireReply> RcptAsync(ApplianceProcess node)
    {
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, Outsider);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO isp.example");
        await c.CommandAsync("MAIL FROM:<>");
        var rcpt = await c.CommandAsync($"RCPT TO:<fbl@{ReturnPathDomain}>");
        await c.CommandAsync("QUIT");
        return rcpt;
    }

    private static async Task<SmtpWireReply> SendArfAsync(ApplianceProcess node, string arf)
    {
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, Outsider);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO isp.example");
        await c.CommandAsync("MAIL FROM:<>");
        var rcpt = await c.CommandAsync($"RCPT TO:<fbl@{ReturnPathDomain}>");
        if (rcpt.Code != 250) return rcpt;
        await c.CommandAsync("DATA");
        await c.SendAsync(RawSmtpClient.DataPayload(arf));
        var end = await c.ReadReplyAsync();
        await c.CommandAsync("QUIT");
        return end;
    }

    private async Task<SwaksResult> SendAsync(ApplianceProcess node, string from, string to)
    {
        var file = Path.Combine(env.WorkDir, $"msg-{TestMessages.Token()}.eml");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes(TestMessages.Build(from, to, "complaint rate", withIdAndDate: true)[..^2]));
        var result = await Swaks.RunAsync("--server", $"{node.Settings.Address}:{node.Settings.RelayPort}", "--ehlo", "client.example", "--from", from, "--to", to, "--data", "@" + file);
        output.WriteLine(result.Output);
        return result;
    }

    private static string Arf(string returnPath, string rcpt, string trace) => $"""
        From: <fbl@isp.example>
        To: <fbl@{ReturnPathDomain}>
        Subject: complaint
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="arf-b"

        --arf-b
        Content-Type: text/plain

        This is an email abuse report.
        --arf-b
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: isp-fbl/1.0
        Version: 1
        Original-Mail-From: <{returnPath}>
        Original-Rcpt-To: <{rcpt}>

        --arf-b
        Content-Type: text/rfc822-headers

        X-Appliance-Id: {trace}
        From: <news@{TestZone.SenderDomain}>
        To: <{rcpt}>
        Subject: offer

        --arf-b--

        """.Replace("\n", "\r\n", StringComparison.Ordinal);
}
