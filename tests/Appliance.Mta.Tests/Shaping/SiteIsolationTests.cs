using Appliance.Mta.Egress;
using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Shaping;

/// <summary>
/// Issue 22's isolation target: a marketing backlog held back by its site's message rate must not delay mail to another
/// site. The backlog's site allows one message an hour, so every backlog message but the first waits in its ready
/// queue for the whole test; the transactional message, accepted after the backlog, must still be delivered. A
/// regression (one queue per egress source instead of per source and site, a shared connection cap, a FIFO the
/// throttled items block) leaves the transactional message behind the backlog and the wait below times out.
/// No timing is asserted: the test waits for an arrival, not for a deadline.
/// </summary>
[Collection("shaping-sockets")]
public sealed class SiteIsolationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [AiosmtpdFact]
    public async Task A_throttled_sites_backlog_does_not_delay_another_sites_message()
    {
        await using var h = await ShapingHarness.StartAsync();
        // mx.sink.test (gmail.test): one message an hour over at most two connections.
        h.Override(new ShapingLimits { MessageRate = MessageRate.Parse("1/h"), MaxConnections = 2 });
        const int backlog = 200;
        for (var i = 0; i < backlog; i++) await h.SendAsync("news@app.test", $"user{i}@gmail.test", EgressStreams.Marketing);
        await h.SendAsync("reset@app.test", "user@txn.test", EgressStreams.Transactional);

        // The first backlog message takes the hour's one slot; the second arrival can only be the transactional one.
        var got = await h.Sink.WaitForDeliveriesAsync(2, Patience);
        Assert.Contains(got, d => d.From == "reset@app.test" && d.Rcpts.SequenceEqual(["user@txn.test"]));
        Assert.Single(got, d => d.From == "news@app.test");

        // The backlog is really there, waiting for its rate, in its own ready queue: all but the delivered one and the
        // one a connection holds while it waits for the next slot.
        var throttled = Assert.Single(h.Dispatcher.ReadyQueues, q => q.Site.Contains("sink.test", StringComparison.Ordinal));
        Assert.InRange(throttled.Pending, backlog - 3, backlog - 1);
        var txn = Assert.Single(h.Dispatcher.ReadyQueues, q => q.Site.Contains("txn.test", StringComparison.Ordinal));
        Assert.Equal(0, txn.Pending);
    }
}
