using Appliance.Mta.Events;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

/// <summary>The typed outcomes delivery reports through <see cref="IDeliveryOutcomes"/>, applied by the queue.</summary>
public sealed class OutcomeApplierTests
{
    [Fact]
    public async Task A_postponed_item_waits_in_its_queue_without_an_attempt_counted()
    {
        await using var h = await QueueHarness.StartAsync();
        using var stop = new CancellationTokenSource();
        var scheduler = h.Scheduler.RunAsync(stop.Token);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        var until = h.Time.GetUtcNow().AddMinutes(10);

        h.Outcomes.Report(new PostponedOutcome(item, until, "Waiting: warmup cap"));

        Assert.Equal(QueueItemState.Scheduled, item.State);
        Assert.Equal(until, item.Due);
        Assert.Equal(0, item.Attempts);
        Assert.DoesNotContain(h.Events.Events, e => e.Type is MtaEventType.TransientFailure or MtaEventType.Bounce);
        Assert.Equal("Waiting: warmup cap", Assert.Single(h.Queue.GetSummary().Scheduled).LastResponse);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 100 && h.Due.Count == 0; i++) await Task.Delay(20);
        Assert.Same(item, Assert.Single(h.Due.Drain()));
        await stop.CancelAsync();
        await scheduler;
    }

    [Fact]
    public async Task An_item_postponed_past_max_age_expires_with_a_dsn()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.MaxAge = TimeSpan.FromHours(1));
        await h.Acceptor.AcceptAsync(h.Envelope("sender@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Time.Advance(TimeSpan.FromHours(1));

        h.Outcomes.Report(new PostponedOutcome(item, h.Time.GetUtcNow().AddHours(1), "Suspended by backoff"));

        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Expiration && e.Recipient == "a@one.test");
        for (var i = 0; i < 100 && h.Due.Count == 0; i++) await Task.Delay(20);
        Assert.True(Assert.Single(h.Due.Drain()).Message.Envelope.IsDsn);
    }

    [Fact]
    public async Task A_cancelled_delete_finishes_the_item_silently()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("sender@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        item.Cancel = CancelAction.Delete;

        h.Outcomes.Report(new CancelledOutcome(item));

        Assert.Equal(0, h.Store.Count);
        Assert.Equal(QueueItemState.Done, item.State);
        Assert.DoesNotContain(h.Events.Events, e => e.Type is MtaEventType.Bounce or MtaEventType.Delivery);
        await Task.Delay(50);
        Assert.Equal(0, h.Due.Count); // no DSN
    }

    [Fact]
    public async Task A_cancelled_bounce_fails_the_recipients_with_the_admin_reason_and_a_dsn()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("sender@src.test", "a@one.test", "b@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        item.Cancel = CancelAction.Bounce;
        item.CancelReason = "list cleanup";

        h.Outcomes.Report(new CancelledOutcome(item));

        var bounces = h.Events.Events.Where(e => e.Type == MtaEventType.Bounce).ToList();
        Assert.Equal(["a@one.test", "b@one.test"], bounces.Select(b => b.Recipient).Order());
        Assert.All(bounces, b => Assert.Contains("list cleanup", b.Response));
        for (var i = 0; i < 100 && h.Due.Count == 0; i++) await Task.Delay(20);
        Assert.True(Assert.Single(h.Due.Drain()).Message.Envelope.IsDsn);
    }

    [Fact]
    public async Task An_attempt_applies_each_recipients_own_result()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("", "ok@one.test", "later@one.test", "gone@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());

        h.Outcomes.Report(AttemptOutcome.Of(item, [new SmtpReply(250, "2.0.0", "ok"), new SmtpReply(451, "4.2.0", "later"), new SmtpReply(550, "5.1.1", "gone")], AttemptInfo.None));

        Assert.Equal([RecipientStatus.Delivered, RecipientStatus.Deferred, RecipientStatus.Failed],
            new[] { "2.0.0", "4.2.0", "5.1.1" }.Select(c => RecipientResult.Of(new SmtpReply(c[0] == '2' ? 250 : c[0] == '4' ? 451 : 550, c, "x")).Status));
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Delivery && e.Recipient == "ok@one.test");
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.TransientFailure && e.Recipient == "later@one.test");
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Bounce && e.Recipient == "gone@one.test");
        Assert.Equal([1], item.Recipients); // only the deferred recipient is retried
        Assert.Equal(1, item.Attempts);
    }
}
