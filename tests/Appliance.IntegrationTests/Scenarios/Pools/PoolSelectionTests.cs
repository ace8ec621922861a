using System.Net;
using System.Net.Http.Json;
using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios.Pools;

/// <summary>
/// IP pools end to end through the real appliance: egress sources on two loopback addresses, a pool per stream and
/// stream assignments created through the API; the sink records each message's client address. Transactional mail
/// (no X-Stream) leaves from one address, marketing (X-Stream: marketing, removed before delivery) from the other.
/// </summary>
public sealed class PoolSelectionTests(MailEnvironment env) : IClassFixture<MailEnvironment>
{
    private const string TransactionalIp = "127.0.0.20";
    private const string MarketingIp = "127.0.0.21";

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Each_stream_leaves_from_its_pools_address_and_the_stream_header_is_removed()
    {
        var http = env.Appliance.Api.Http;
        await Ok(http.PostAsJsonAsync("api/v1/egress-sources", new { name = "tx1", bindAddress = TransactionalIp, ehloName = "tx1.appliance.test" }));
        await Ok(http.PostAsJsonAsync("api/v1/egress-sources", new { name = "mk1", bindAddress = MarketingIp, ehloName = "mk1.appliance.test" }));
        await Ok(http.PostAsJsonAsync("api/v1/pools", new { name = "transactional", members = new[] { new { source = "tx1", weight = 1 } } }));
        await Ok(http.PostAsJsonAsync("api/v1/pools", new { name = "marketing", members = new[] { new { source = "mk1", weight = 1 } } }));
        await Ok(http.PostAsJsonAsync("api/v1/pool-assignments", new { tenantId = (string?)null, stream = "transactional", pool = "transactional" }));
        await Ok(http.PostAsJsonAsync("api/v1/pool-assignments", new { tenantId = (string?)null, stream = "marketing", pool = "marketing" }));

        // Sharing a source between the streams is refused with a problem document naming the source.
        var acme = await env.Appliance.Api.CreateTenantAsync("acme-" + TestMessages.Token());
        var shared = await http.PostAsJsonAsync("api/v1/pool-assignments", new { tenantId = acme, stream = "marketing", pool = "transactional" });
        var problem = await shared.Content.ReadAsStringAsync();
        Assert.True(shared.StatusCode == HttpStatusCode.BadRequest && problem.Contains("share egress source(s) tx1", StringComparison.Ordinal), problem);

        var t = TestMessages.Token();
        var reset = $"reset-{t}@{TestZone.Single}";
        var news = $"news-{t}@{TestZone.Single}";
        var sender = $"app-{t}@{TestZone.SenderDomain}";
        var a = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [reset], TestMessages.Build(sender, reset, "reset", withIdAndDate: true));
        var b = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [news], TestMessages.Build(sender, news, "news", withIdAndDate: true, "X-Stream: marketing"));
        Assert.True(a.Accepted && b.Accepted, $"{a}\n{b}");

        var arrived = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, reset).Count + env.Sink.MessagesFor(TestZone.SingleMx, news).Count == 2, TimeSpan.FromSeconds(30));
        Assert.True(arrived, await env.DiagnosticsAsync());
        var txMessage = Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, reset));
        var mkMessage = Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, news));
        Assert.Equal(TransactionalIp, PeerIp(txMessage.Peer));
        Assert.Equal(MarketingIp, PeerIp(mkMessage.Peer));
        Assert.False(mkMessage.Contains("X-Stream:"), "the X-Stream header must be removed before delivery");

        var delivery = env.Appliance.Events().First(e => e.Is("Delivery", news));
        Assert.Contains("\"egressSource\":\"mk1\"", delivery.Raw, StringComparison.OrdinalIgnoreCase);
    }

    private static string? PeerIp(string? peer) => peer?.Split(',', ':')[0].Trim('[', '(', '\'', ' ', ']', ')');

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
