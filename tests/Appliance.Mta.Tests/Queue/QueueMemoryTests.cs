using Appliance.Mta.Admin;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

/// <summary>
/// Memory per queued message (issue 22, architecture.md "Memory per queued message"): a waiting message keeps its
/// envelope packed, one-recipient items share their index array, and the read model keeps times to the second.
/// </summary>
public sealed class QueueMemoryTests
{
    private static readonly SmtpReply Later = new(451, "4.2.0", "try later");

    [Fact]
    public async Task A_deferred_message_keeps_its_envelope_packed_until_delivery_takes_it_again()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(5));
        var envelope = h.Envelope("s@src.test", "a@one.test", "b@two.test");
        await h.Acceptor.AcceptAsync(envelope, SpoolTestData.Content(1), default);
        var items = h.Due.Drain();
        var message = items[0].Message;
        Assert.False(message.Parked);

        h.Outcomes.Report(AttemptOutcome.Of(items[0], [Later], AttemptInfo.None));
        Assert.True(message.Parked); // its other item is still in hand: the envelope is rebuilt when read
        Assert.Equal(envelope.MailFrom, message.Envelope.MailFrom);
        Assert.Equal(envelope.Recipients, message.Envelope.Recipients);
        Assert.Equal(envelope.ReceivedAt, message.ReceivedAt);

        h.Queue.RetryNow(new QueueFilter(), "test");
        var due = Assert.Single(h.Due.Drain());
        Assert.Same(message, due.Message);
        Assert.True(message.Parked); // due, but waiting for delivery to take it: still packed
        message.Unpark(); // delivery takes it to send it
        Assert.False(message.Parked);
        Assert.Same(message.Envelope, message.Envelope); // kept while it is delivered, not rebuilt on every read
    }

    [Fact]
    public async Task One_recipient_items_share_their_index_array()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "b@two.test"), SpoolTestData.Content(2), default);

        var items = h.Due.Drain();

        Assert.Equal(2, items.Count);
        Assert.Equal(new[] { 0 }, items[0].Recipients);
        Assert.Same(items[0].Recipients, items[1].Recipients);
    }

    [Fact]
    public async Task Oldest_and_next_attempt_are_shown_to_the_second()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(5));
        h.Time.Advance(TimeSpan.FromMilliseconds(700));
        var received = h.Time.GetUtcNow();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));

        var row = Assert.Single(h.Queue.QueryScheduled(new ScheduledQueueQuery()).Items);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(received.ToUnixTimeSeconds()), row.Oldest);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(item.Due.ToUnixTimeSeconds()), row.NextAttempt);
        Assert.Equal(h.Queue.WalkSummary().Scheduled, h.Queue.GetSummary().Scheduled);
    }
}
