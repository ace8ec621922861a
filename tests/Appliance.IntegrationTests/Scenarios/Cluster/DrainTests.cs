using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, acceptance item 6 ("Draining a node"): node C holds deferred messages of a tenant with a campaign and a
/// stream; `appliance node drain` against C makes it refuse new mail (421 4.3.2 at connect, HTTP injection 503) and
/// hand every queued message to A and B over SMTP; each arrives exactly once at the sink, delivered by A or B under
/// the same tenant and campaign, signed once, and C reports zero queued.
/// </summary>
public sealed class DrainTests(DrainClusterEnvironment env, ITestOutputHelper output) : IClassFixture<DrainClusterEnvironment>
{
    private const int Count = 24;

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Drain_of_C_hands_every_queued_message_to_A_and_B_and_each_arrives_once()
    {
        var t = TestMessages.Token();
        var domain = $"d{t}.test";
        var user = $"drain-{t}";
        var password = $"Pw-{t}-secret!";
        var campaign = $"camp-{t}";
        var tenant = await env.B.Api.CreateTenantAsync($"tenant-{t}");
        using (var created = await env.B.Api.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/domains", new { name = domain }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await env.B.Api.CreateSmtpCredentialAsync(tenant, user, password);
        await Task.Delay(TimeSpan.FromSeconds(2)); // shared settings are in force on every node within 2 s

        // C accepts Count messages; the sink defers each recipient once, and C's next try is 10 minutes away.
        var recipients = Enumerable.Range(0, Count).Select(i => $"deferonce-{t}-{i}@{TestZone.Single}").ToArray();
        await using (var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(env.C.Settings.Address), env.C.Settings.RelayPort, null))
        {
            Assert.Equal(220, (await c.ReadReplyAsync()).Code);
            Assert.Equal(250, (await c.CommandAsync("EHLO client.example")).Code);
            Assert.Equal(235, (await c.CommandAsync("AUTH PLAIN " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{user}\0{password}")))).Code);
            for (var i = 0; i < Count; i++)
            {
                Assert.Equal(250, (await c.CommandAsync($"MAIL FROM:<news@{domain}> RET=HDRS ENVID=env-{t}-{i}")).Code);
                Assert.Equal(250, (await c.CommandAsync($"RCPT TO:<{recipients[i]}> NOTIFY=FAILURE,DELAY")).Code);
                Assert.Equal(354, (await c.CommandAsync("DATA")).Code);
                await c.SendAsync(RawSmtpClient.DataPayload(
                    $"X-Campaign: {campaign}\r\nX-Stream: marketing\r\nFrom: <news@{domain}>\r\nTo: <{recipients[i]}>\r\n" +
                    $"Subject: drain {i}\r\nMessage-ID: <drain-{t}-{i}@load.example>\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\n\r\nbody {i}\r\n"));
                var reply = await c.ReadReplyAsync();
                Assert.True(reply.Code == 250, $"message {i}: {reply}\n{env.Diagnostics()}");
            }
            await c.CommandAsync("QUIT");
        }
        var deferred = await Eventually.TryAsync(
            () => recipients.All(r => env.Sink.RcptAttempts(TestZone.SingleMx, r).Any(a => a.Code == 451)), TimeSpan.FromSeconds(60));
        Assert.True(deferred, $"C did not try every message once\n{env.Diagnostics()}");
        Assert.Equal(Count, (await env.C.Api.GetQueuesAsync()).TotalMessages);
        Assert.Empty(Delivered(t));

        // appliance node drain, as an operator runs it, against C.
        var (exit, cli) = await ProcessRunner.RunAsync("dotnet",
            [ApplianceProcess.WebDllPath, "node", "drain", "--url", $"http://{env.C.Settings.Address}:{env.C.Settings.HttpPort}",
             "--api-key", ApplianceSettings.ApiKey, "--timeout", "120"], TimeSpan.FromSeconds(180));
        output.WriteLine(cli);
        Assert.True(exit == 0, $"node drain exited {exit}:\n{cli}\n{env.Diagnostics()}");
        Assert.Contains("node-c: drained, 0 queued", cli, StringComparison.Ordinal);

        var status = await env.C.Api.Http.GetFromJsonAsync<JsonElement>("api/v1/cluster/drain");
        Assert.Equal("drained", status.GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("queued").GetInt64());
        Assert.Equal(Count, status.GetProperty("handedOver").GetInt64());
        Assert.Equal(0, (await env.C.Api.GetQueuesAsync()).TotalMessages);

        // Every message arrives exactly once, delivered by A or B (never C), under the same tenant and campaign.
        var arrived = await Eventually.TryAsync(() => Delivered(t).Count >= Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate would show up meanwhile
        var delivered = Delivered(t);
        Assert.True(arrived, $"{delivered.Count} of {Count} arrived\n{env.Diagnostics()}");
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"<drain-{t}-{i}@load.example>").Order(StringComparer.Ordinal),
            delivered.Select(m => m.Value("Message-ID")!).Order(StringComparer.Ordinal));
        Assert.All(delivered, m => Assert.Single(m.Fields, f => f.Name.Equals("DKIM-Signature", StringComparison.OrdinalIgnoreCase)));
        Assert.All(delivered, m => Assert.DoesNotContain(m.Fields, f => f.Name.Equals("X-Campaign", StringComparison.OrdinalIgnoreCase)));

        var deliveries = env.A.Events().Concat(env.B.Events()).Where(e => e.Type == "Delivery" && recipients.Contains(e.Recipient)).ToList();
        Assert.Equal(recipients.Order(StringComparer.Ordinal), deliveries.Select(e => e.Recipient!).Order(StringComparer.Ordinal));
        Assert.All(deliveries, e =>
        {
            Assert.Equal(tenant, e.Field("tenant"));
            Assert.Equal($"{campaign}:{tenant}@{TestZone.Single}", e.Field("queue"));
        });
        Assert.DoesNotContain(env.C.Events(), e => e.Type == "Delivery" && recipients.Contains(e.Recipient));
        output.WriteLine($"A delivered {deliveries.Count(e => env.A.Events().Contains(e))}, B the rest");

        // Drained: C refuses new mail at connect and over HTTP until the drain is ended.
        await using (var refused = await RawSmtpClient.ConnectAsync(IPAddress.Parse(env.C.Settings.Address), env.C.Settings.RelayPort, null))
        {
            var greeting = await refused.ReadReplyAsync();
            Assert.Equal(421, greeting.Code);
            Assert.Contains("4.3.2", greeting.ToString(), StringComparison.Ordinal);
        }
        using (var injected = await env.C.Api.Http.PostAsJsonAsync("api/v1/messages",
            new { tenantId = tenant, from = $"news@{domain}", to = new[] { $"x-{t}@{TestZone.Single}" }, subject = "x", text = "x" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, injected.StatusCode);
            Assert.Equal("application/problem+json", injected.Content.Headers.ContentType?.MediaType);
        }
        using (var resumed = await env.C.Api.Http.DeleteAsync("api/v1/cluster/drain"))
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await using (var again = await RawSmtpClient.ConnectAsync(IPAddress.Parse(env.C.Settings.Address), env.C.Settings.RelayPort, null))
            Assert.Equal(220, (await again.ReadReplyAsync()).Code);
    }

    private List<RawMessage> Delivered(string token) =>
        [.. env.Sink.Messages(TestZone.SingleMx).Select(m => RawMessage.Parse(m.Data)).Where(m => m.Value("Message-ID")?.Contains($"drain-{token}-", StringComparison.Ordinal) == true)];
}
