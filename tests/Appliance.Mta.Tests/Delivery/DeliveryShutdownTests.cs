using System.Diagnostics;
using Appliance.Mta.Events;
using Appliance.Mta.Tests.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Delivery;

/// <summary>Shutdown with a transaction in progress: the grace period is honoured, then the send is cancelled.</summary>
[Collection("shaping-sockets")]
public sealed class DeliveryShutdownTests
{
    [AiosmtpdFact]
    public async Task Stop_cuts_a_transaction_still_open_after_the_grace_period_and_defers_its_recipient()
    {
        await using var h = await ShapingHarness.StartAsync();
        await h.SendAsync("s@src.test", "stall@gmail.test");
        for (var i = 0; i < 300 && !h.Sink.Events().Any(e => e.Event == "stall"); i++) await Task.Delay(50);
        Assert.Contains(h.Sink.Events(), e => e.Event == "stall"); // the peer has the message and never answers

        var watch = Stopwatch.StartNew();
        using (var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await h.Dispatcher.StopAsync(grace.Token);

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        // The cancelled send came back as a transient failure, so the recipient is retried after the restart.
        var deferred = Assert.Single(h.Events.Events, e => e.Type == MtaEventType.TransientFailure && e.Recipient == "stall@gmail.test");
        Assert.Equal("4.4.2", deferred.EnhancedCode);
        Assert.Equal(1, h.Store.Count);
    }

    [AiosmtpdFact]
    public async Task Stop_lets_a_transaction_finish_within_the_grace_period()
    {
        await using var h = await ShapingHarness.StartAsync();
        await h.SendAsync("s@src.test", "slow@gmail.test");
        for (var i = 0; i < 300 && !h.Sink.Events().Any(e => e.Event == "slow"); i++) await Task.Delay(50);
        Assert.Contains(h.Sink.Events(), e => e.Event == "slow"); // in DATA; the peer answers a second later
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            await h.Dispatcher.StopAsync(grace.Token);
        // StopAsync returned once the transaction was done, not by cutting it.
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Delivery && e.Recipient == "slow@gmail.test");
        Assert.DoesNotContain(h.Events.Events, e => e.Type == MtaEventType.TransientFailure);
    }
}
