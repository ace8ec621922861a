using System.Net;
using System.Net.Http.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, "egress sources are bound to the node that owns their address": sources created through node B, <c>a</c>
/// owned by node A (127.0.0.52) and <c>b</c> by node B (127.0.0.53) in the transactional pool, <c>b2</c> owned by B
/// (127.0.0.54) alone in the marketing pool. Mail injected on A leaves only from A's address, on B only from B's (the
/// sink records the client address); marketing mail injected on A waits in A's queue with "pool marketing-b has no
/// source on node node-a" and never reaches the sink, while the same on B is delivered from b2's address; node C,
/// which owns nothing, holds its transactional mail the same way.
/// </summary>
public sealed class EgressNodeTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    private const string AddressA = "127.0.0.52";
    private const string AddressB = "127.0.0.53";
    private const string AddressB2 = "127.0.0.54";

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Each_node_sends_only_from_its_own_sources_and_a_pool_without_one_waits_with_the_reason()
    {
        var http = env.B.Api.Http;
        await Ok(http.PostAsJsonAsync("api/v1/egress-sources", new { name = "a", bindAddress = AddressA, ehloName = "a.appliance.test", node = ClusterEnvironment.NodeNames[0] }));
        await Ok(http.PostAsJsonAsync("api/v1/egress-sources", new { name = "b", bindAddress = AddressB, ehloName = "b.appliance.test", node = ClusterEnvironment.NodeNames[1] }));
        await Ok(http.PostAsJsonAsync("api/v1/egress-sources", new { name = "b2", bindAddress = AddressB2, ehloName = "b2.appliance.test", node = ClusterEnvironment.NodeNames[1] }));
        await Ok(http.PostAsJsonAsync("api/v1/pools", new { name = "tx-ab", members = new[] { new { source = "a", weight = 1 }, new { source = "b", weight = 1 } } }));
        await Ok(http.PostAsJsonAsync("api/v1/pools", new { name = "marketing-b", members = new[] { new { source = "b2", weight = 1 } } }));
        await Ok(http.PostAsJsonAsync("api/v1/pool-assignments", new { tenantId = (string?)null, stream = "transactional", pool = "tx-ab" }));
        await Ok(http.PostAsJsonAsync("api/v1/pool-assignments", new { tenantId = (string?)null, stream = "marketing", pool = "marketing-b" }));
        await Task.Delay(TimeSpan.FromSeconds(3)); // shared settings are in force on every node within 2 s

        var t = TestMessages.Token();
        var sender = $"app-{t}@{TestZone.SenderDomain}";
        var fromA = Enumerable.Range(0, 4).Select(i => $"tx-a{i}-{t}@{TestZone.Single}").ToList();
        var fromB = Enumerable.Range(0, 4).Select(i => $"tx-b{i}-{t}@{TestZone.Single}").ToList();
        var marketingA = $"mk-a-{t}@{TestZone.Single}";
        var marketingB = $"mk-b-{t}@{TestZone.Single}";
        var transactionalC = $"tx-c-{t}@{TestZone.Single}";
        foreach (var r in fromA) await SendAsync(env.A, sender, r);
        foreach (var r in fromB) await SendAsync(env.B, sender, r);
        await SendAsync(env.A, sender, marketingA, "X-Stream: marketing");
        await SendAsync(env.B, sender, marketingB, "X-Stream: marketing");
        await SendAsync(env.C, sender, transactionalC);

        var expected = fromA.Concat(fromB).Append(marketingB).ToList();
        var arrived = await Eventually.TryAsync(() => expected.All(r => env.Sink.MessagesFor(TestZone.SingleMx, r).Count > 0), TimeSpan.FromSeconds(60));
        Assert.True(arrived, $"missing: {string.Join(", ", expected.Where(r => env.Sink.MessagesFor(TestZone.SingleMx, r).Count == 0))}\n{env.Diagnostics()}");
        var peers = expected.ToDictionary(r => r, r => PeerIp(Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, r)).Peer));
        output.WriteLine(string.Join("\n", peers.Select(p => $"{p.Key}: {p.Value}")));
        Assert.All(fromA, r => Assert.Equal(AddressA, peers[r]));
        Assert.All(fromB, r => Assert.Equal(AddressB, peers[r]));
        Assert.Equal(AddressB2, peers[marketingB]);

        // A has no source of marketing-b, C none at all: their mail waits in their own queue, with the reason.
        var waitingA = await Eventually.TryAsync(async () => (await ScheduledAsync(env.A)).Contains("pool marketing-b has no source on node node-a", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(waitingA, $"A's queue: {await ScheduledAsync(env.A)}\n{env.Diagnostics()}");
        var waitingC = await Eventually.TryAsync(async () => (await ScheduledAsync(env.C)).Contains("pool tx-ab has no source on node node-c", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(waitingC, $"C's queue: {await ScheduledAsync(env.C)}\n{env.Diagnostics()}");
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, marketingA));
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, transactionalC));
    }

    private static async Task<string> ScheduledAsync(ApplianceProcess node) =>
        await node.Api.Http.GetStringAsync($"api/v1/queues/scheduled?domain={TestZone.Single}&pageSize=100");

    private static async Task SendAsync(ApplianceProcess node, string from, string to, params string[] headers)
    {
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, null);
        Assert.Equal(220, (await c.ReadReplyAsync()).Code);
        Assert.Equal(250, (await c.CommandAsync("EHLO client.example")).Code);
        Assert.Equal(250, (await c.CommandAsync($"MAIL FROM:<{from}>")).Code);
        Assert.Equal(250, (await c.CommandAsync($"RCPT TO:<{to}>")).Code);
        Assert.Equal(354, (await c.CommandAsync("DATA")).Code);
        await c.SendAsync(RawSmtpClient.DataPayload(TestMessages.Build(from, to, "egress node", withIdAndDate: true, headers)));
        Assert.Equal(250, (await c.ReadReplyAsync()).Code);
        await c.SendAsync("QUIT\r\n");
    }

    private static string? PeerIp(string? peer) => peer?.Split(',', ':')[0].Trim('[', '(', '\'', ' ', ']', ')');

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
