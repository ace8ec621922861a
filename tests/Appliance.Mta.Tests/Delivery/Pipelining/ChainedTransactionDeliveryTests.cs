using Appliance.Mta.Events;
using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Delivery.Pipelining;

/// <summary>
/// RFC 2920 §3.1 across transactions, through the real queue and dispatcher: on a busy connection to a PIPELINING
/// peer the next item's MAIL/RCPT/DATA go out behind the previous item's final dot, one write and one wait per message.
/// </summary>
public sealed class ChainedTransactionDeliveryTests
{
    private static async Task<ShapingHarness> StartAsync(PipeliningSink sink, Action<Appliance.Mta.Configuration.MtaOptions>? configure = null) =>
        await ShapingHarness.StartAsync(o =>
        {
            o.Delivery.Port = sink.Port;
            o.Delivery.MaxConnectionsPerSite = 1;
            o.Delivery.DataTimeout = TimeSpan.FromSeconds(3); // a client that waits for a held-back dot reply fails fast
            o.Delivery.RetryInterval = TimeSpan.FromMinutes(10); // no retry within a test
            configure?.Invoke(o);
        });

    /// <summary>Queues <paramref name="count"/> messages while the sink holds its greeting, so they all wait in the ready queue.</summary>
    private static async Task QueueThenGreetAsync(ShapingHarness h, PipeliningSink sink, int count)
    {
        for (var i = 0; i < count; i++) await h.SendAsync("sender@example.com", $"r{i}@gmail.test");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && h.Dispatcher.ReadyQueues.Sum(r => r.Pending) < count) await Task.Delay(20);
        Assert.Equal(count, h.Dispatcher.ReadyQueues.Sum(r => r.Pending));
        sink.ReleaseGreeting();
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !done()) await Task.Delay(50);
    }

    [AiosmtpdFact]
    public async Task A_peer_that_answers_a_dot_only_after_the_next_group_gets_every_message_on_one_connection()
    {
        await using var sink = new PipeliningSink { HoldGreeting = true, HoldBackDots = 3 };
        await using var h = await StartAsync(sink);

        await QueueThenGreetAsync(h, sink, 4);
        await WaitForAsync(() => h.Events.Events.Count(e => e.Type is MtaEventType.Delivery or MtaEventType.TransientFailure) >= 4, TimeSpan.FromSeconds(15));

        // A lock-step client waits for the held-back reply, times out after 3 s and defers the message instead.
        Assert.Equal(4, h.Events.Events.Count(e => e.Type == MtaEventType.Delivery));
        Assert.DoesNotContain(h.Events.Events, e => e.Type == MtaEventType.TransientFailure);
        Assert.Equal(4, sink.Delivered.Count);
        Assert.All(sink.Delivered, t => Assert.Equal(1, t.Connection));
        Assert.Equal(4, sink.Delivered.Select(t => t.Recipients).Distinct().Count());
        Assert.Equal(3, sink.DotsWithGroupBehind);
        Assert.Equal(3, sink.DotsWithBytesBehind); // the dot and the next group in one write
    }

    [AiosmtpdFact]
    public async Task A_421_after_the_dot_defers_that_message_and_the_carried_one_goes_once_on_another_connection_unattempted()
    {
        await using var sink = new PipeliningSink { HoldGreeting = true, HoldBackDots = 1, DotReply = n => n == 0 ? "421 4.3.2 shutting down" : null };
        await using var h = await StartAsync(sink);

        await QueueThenGreetAsync(h, sink, 3);
        await WaitForAsync(() => h.Events.Events.Count(e => e.Type is MtaEventType.Delivery or MtaEventType.TransientFailure) >= 3, TimeSpan.FromSeconds(15));
        await Task.Delay(300); // time for a duplicate, if any

        var first = Assert.Single(sink.Transactions, t => t.Connection == 1);
        Assert.StartsWith("421", first.DotReply);
        Assert.True(first.GroupBehindDot, "the next item's MAIL/RCPT/DATA went out behind the dot");
        var deferred = Assert.Single(h.Events.Events, e => e.Type == MtaEventType.TransientFailure);
        Assert.Equal(first.Recipients, deferred.Recipient);
        Assert.Equal(421, deferred.Code);
        // The carried item and the third were delivered exactly once each on a new connection, as first attempts.
        var delivered = h.Events.Events.Where(e => e.Type == MtaEventType.Delivery).ToList();
        Assert.Equal(2, delivered.Count);
        Assert.All(delivered, e => Assert.Equal(1, e.Attempt));
        Assert.Equal(2, sink.Delivered.Count);
        Assert.All(sink.Delivered, t => Assert.Equal(2, t.Connection));
        Assert.Equal(delivered.Select(e => e.Recipient).Order(), sink.Delivered.Select(t => t.Recipients).Order());
        Assert.DoesNotContain(first.Recipients, sink.Delivered.Select(t => t.Recipients));
    }

    [AiosmtpdFact]
    public async Task The_messages_per_connection_limit_still_holds_with_chaining()
    {
        await using var sink = new PipeliningSink { HoldGreeting = true };
        await using var h = await StartAsync(sink, o => o.Delivery.MessagesPerConnection = 2);

        await QueueThenGreetAsync(h, sink, 5);
        await WaitForAsync(() => sink.Delivered.Count >= 5, TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        Assert.Equal(5, sink.Delivered.Count);
        Assert.Equal(5, sink.Delivered.Select(t => t.Recipients).Distinct().Count());
        Assert.All(sink.Delivered.GroupBy(t => t.Connection), c => Assert.InRange(c.Count(), 1, 2));
        Assert.Equal(3, sink.Delivered.Select(t => t.Connection).Distinct().Count());
        Assert.Equal(5, h.Events.Events.Count(e => e.Type == MtaEventType.Delivery));
    }

    [AiosmtpdFact]
    public async Task The_message_rate_still_holds_with_chaining()
    {
        await using var sink = new PipeliningSink { HoldGreeting = true };
        await using var h = await StartAsync(sink);
        h.Override(new ShapingLimits { MessageRate = MessageRate.Parse("5/s"), MaxConnections = 1 });

        await QueueThenGreetAsync(h, sink, 6);
        var started = DateTime.UtcNow;
        await WaitForAsync(() => sink.Delivered.Count >= 6, TimeSpan.FromSeconds(15));
        var took = DateTime.UtcNow - started;

        Assert.Equal(6, sink.Delivered.Count);
        // 6 messages at 5/s: the last slot is 5 intervals (1 s) after the first.
        Assert.True(took >= TimeSpan.FromMilliseconds(900), $"6 messages in {took.TotalMilliseconds} ms at 5/s");
        Assert.Equal(6, h.Events.Events.Count(e => e.Type == MtaEventType.Delivery));
    }

    [AiosmtpdFact]
    public async Task A_peer_without_pipelining_gets_no_carried_group()
    {
        await using var sink = new PipeliningSink(pipelining: false) { HoldGreeting = true };
        await using var h = await StartAsync(sink);

        await QueueThenGreetAsync(h, sink, 3);
        await WaitForAsync(() => sink.Delivered.Count >= 3, TimeSpan.FromSeconds(15));

        Assert.Equal(3, sink.Delivered.Count);
        Assert.All(sink.Delivered, t => Assert.Equal(1, t.Connection));
        Assert.Equal(0, sink.LockStepViolations);
        Assert.Equal(0, sink.DotsWithBytesBehind);
    }
}
