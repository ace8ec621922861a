using Appliance.Mta.Admin;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

/// <summary>
/// What recovery keeps per message (issue 22, architecture.md "Memory per queued message" and "Recovery"): every
/// rebuilt message starts parked, due or not, and stays parked while its item waits to be sent; its envelope still
/// equals what was accepted and shares its labels with the other messages.
/// </summary>
public sealed class RecoveryMemoryTests
{
    private static readonly SmtpReply Later = new(451, "4.2.0", "try later");

    [Fact]
    public async Task Every_recovered_message_starts_parked_and_equals_what_was_accepted()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(5));
        var accepted = new List<MessageEnvelope>();
        for (var i = 0; i < 6; i++)
        {
            var envelope = h.Envelope($"s{i}@src.test", $"a{i}@one.test", $"b{i}@two.test") with
            {
                TenantId = "acme",
                ClientAddress = "192.0.2.7",
                Campaign = "spring",
                Stream = "marketing",
                AuthUser = "api-user",
                MessageIdHeader = $"{i}@src.test",
                Ret = DsnReturn.Full,
            };
            accepted.Add(envelope);
            await h.Acceptor.AcceptAsync(envelope, SpoolTestData.Content(i), default);
        }
        // The first three are deferred (due in 5 minutes after the restart); the others are still due now.
        foreach (var item in h.Due.Drain().Where(i => int.Parse(i.Message.Envelope.MessageIdHeader![..1], System.Globalization.CultureInfo.InvariantCulture) < 3))
            h.Outcomes.Report(AttemptOutcome.Of(item, [.. item.Recipients.Select(_ => Later)], AttemptInfo.None));

        await h.RestartAsync();

        var messages = h.Store.Messages.OrderBy(m => m.Id.Value).ToList();
        Assert.Equal(6, messages.Count);
        Assert.All(messages, m => Assert.True(m.Parked));
        var due = h.Due.Drain();
        Assert.Equal(6, due.Count); // two domains for each of the three due messages
        Assert.All(due, i => Assert.True(i.Message.Parked)); // due, emitted, not yet taken to send: still packed
        Assert.Equal(6, h.Scheduler.Waiting); // the deferred ones' items
        for (var i = 0; i < 6; i++)
        {
            var envelope = messages[i].Envelope;
            Assert.Equal(accepted[i] with { Recipients = envelope.Recipients }, envelope);
            Assert.Equal(accepted[i].Recipients, envelope.Recipients);
            Assert.Equal(accepted[i].ReceivedAt, messages[i].ReceivedAt);
        }
        var a = messages[0].Envelope;
        var b = messages[5].Envelope;
        Assert.Same(a.TenantId, b.TenantId);
        Assert.Same(a.ClientAddress, b.ClientAddress);
        Assert.Same(a.Campaign, b.Campaign);
        Assert.Same(a.Stream, b.Stream);
        Assert.Same(a.AuthUser, b.AuthUser);
    }

    [Fact]
    public async Task A_recovered_item_taken_to_send_and_deferred_is_parked_again()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(5));
        var envelope = h.Envelope("s@src.test", "a@one.test");
        await h.Acceptor.AcceptAsync(envelope, SpoolTestData.Content(1), default);
        await h.RestartAsync();
        var item = Assert.Single(h.Due.Drain());
        Assert.True(item.Message.Parked);

        item.Message.Unpark(); // what delivery does when it takes the item to send it
        Assert.False(item.Message.Parked);
        Assert.Same(item.Message.Envelope, item.Message.Envelope); // one envelope for the attempt, not one per read
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));

        Assert.True(item.Message.Parked);
        Assert.Equal(envelope.Recipients, item.Message.Envelope.Recipients);
    }

    [Fact]
    public async Task Retrying_a_parked_backlog_leaves_its_items_parked_until_delivery_takes_them()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(5));
        for (var i = 0; i < 3; i++) await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", $"a{i}@one.test"), SpoolTestData.Content(i), default);
        foreach (var item in h.Due.Drain()) h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));

        h.Queue.RetryNow(new QueueFilter(), "test");

        var due = h.Due.Drain();
        Assert.Equal(3, due.Count);
        Assert.All(due, i => Assert.True(i.Message.Parked));
    }
}
