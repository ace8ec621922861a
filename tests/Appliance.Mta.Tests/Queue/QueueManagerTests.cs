using Appliance.Mta.Admin;
using Appliance.Mta.Events;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

public sealed class QueueManagerTests
{
    private static readonly SmtpReply Ok = new(250, "2.0.0", "ok");
    private static readonly SmtpReply Later = new(451, "4.2.0", "try later");
    private static readonly SmtpReply NoSuchUser = new(550, "5.1.1", "no such user");

    [Fact]
    public async Task Accept_answers_250_with_queue_id_after_the_message_is_in_the_spool()
    {
        await using var h = await QueueHarness.StartAsync();
        var reply = await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test", "b@two.test", "c@one.test"), SpoolTestData.Content(1), default);
        Assert.Equal(250, reply.Code);
        Assert.Matches("queued as [0-9a-f]{16}", reply.Text);
        var items = h.Due.Drain();
        Assert.Equal(["one.test", "two.test"], items.Select(i => i.Domain).Order());
        Assert.Equal(2, items.Single(i => i.Domain == "one.test").Recipients.Length);
        Assert.Equal(3, h.Events.Events.Count(e => e.Type == MtaEventType.Reception));
        await h.RestartAsync();
        Assert.Equal(1, h.Store.Count);
        Assert.Equal(2, h.Due.Count);
    }

    [Fact]
    public async Task Delivered_message_is_removed_from_queue_and_spool()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Ok], AttemptInfo.None));
        Assert.Equal(0, h.Store.Count);
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Delivery && e.Recipient == "a@one.test");
        await h.RestartAsync();
        Assert.Equal(0, h.Store.Count);
    }

    [Fact]
    public async Task Transient_failure_is_retried_after_backoff_by_the_scheduler()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(20));
        using var stop = new CancellationTokenSource();
        var scheduler = h.Scheduler.RunAsync(stop.Token);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));
        Assert.Equal(QueueItemState.Scheduled, item.State);
        var wait = item.Due - h.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(24));
        h.Time.Advance(TimeSpan.FromMinutes(19));
        await Task.Delay(50);
        Assert.Equal(0, h.Due.Count);
        h.Time.Advance(TimeSpan.FromMinutes(6));
        var again = await WaitForDispatchAsync(h);
        Assert.Same(item, again);
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.TransientFailure && e.Response == Later.ToString());
        stop.Cancel();
        await scheduler;
    }

    [Fact]
    public async Task Permanent_failure_sends_a_dsn_to_the_envelope_sender()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("sender@src.test", "ok@one.test", "gone@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Ok, NoSuchUser], AttemptInfo.None));
        var dsn = await WaitForDispatchAsync(h);
        Assert.Equal("", dsn.Message.Envelope.MailFrom);
        Assert.True(dsn.Message.Envelope.IsDsn);
        Assert.Equal("sender@src.test", Assert.Single(dsn.Message.Envelope.Recipients).Address);
        using var bytes = h.Spool.ReadContent(dsn.Message.Location);
        var text = System.Text.Encoding.UTF8.GetString(bytes.Memory.Span);
        Assert.Contains("multipart/report", text);
        Assert.Contains("gone@one.test", text);
        Assert.Contains("5.1.1", text);
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Bounce && e.Recipient == "gone@one.test");
    }

    [Theory]
    [InlineData("", "default")]
    [InlineData("sender@src.test", "quiet")]
    public async Task No_dsn_for_null_sender_or_tenant_that_turned_them_off(string from, string tenant)
    {
        await using var h = await QueueHarness.StartAsync(null, "quiet");
        await h.Acceptor.AcceptAsync(h.Envelope(from, "gone@one.test") with { TenantId = tenant }, SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [NoSuchUser], AttemptInfo.None));
        await Task.Delay(100);
        Assert.Equal(0, h.Due.Count);
        Assert.Equal(0, h.Store.Count);
    }

    [Fact]
    public async Task Message_expires_after_max_age_with_a_dsn()
    {
        await using var h = await QueueHarness.StartAsync(o =>
        {
            o.Delivery.RetryInterval = TimeSpan.FromMinutes(20);
            o.Delivery.MaxAge = TimeSpan.FromHours(1);
        });
        await h.Acceptor.AcceptAsync(h.Envelope("sender@src.test", "slow@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));
        h.Time.Advance(TimeSpan.FromHours(1));
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.Expiration && e.Recipient == "slow@one.test");
        var dsn = await WaitForDispatchAsync(h);
        Assert.True(dsn.Message.Envelope.IsDsn);
        using var bytes = h.Spool.ReadContent(dsn.Message.Location);
        Assert.Contains("4.4.7", System.Text.Encoding.UTF8.GetString(bytes.Memory.Span));
    }

    [Fact]
    public async Task Recovery_schedules_only_recipients_not_yet_finished()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test", "b@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Ok, Later], AttemptInfo.None));
        await h.RestartAsync();
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, h.Store.Count);
        var summary = h.Queue.GetSummary();
        var queue = Assert.Single(summary.Scheduled);
        Assert.Equal(1, queue.Recipients);
        Assert.Equal("default@one.test", queue.Name);
    }

    [Fact]
    public async Task Recovered_messages_share_their_labels_and_deferral_text()
    {
        // Memory of a large recovered backlog (issue 22): each message was read from its own JSON record, so without
        // sharing every one would hold its own copy of the tenant, the client address and the last reply.
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "b@two.test"), SpoolTestData.Content(2), default);
        foreach (var i in h.Due.Drain()) h.Outcomes.Report(AttemptOutcome.Of(i, [Later], AttemptInfo.None));

        await h.RestartAsync();

        var recovered = h.Store.Messages.OrderBy(m => m.Id.Value).ToList();
        Assert.Equal(2, recovered.Count);
        Assert.Same(recovered[0].Envelope.TenantId, recovered[1].Envelope.TenantId);
        Assert.Same(recovered[0].Envelope.ClientAddress, recovered[1].Envelope.ClientAddress);
        Assert.NotNull(recovered[0].LastResponse);
        Assert.Same(recovered[0].LastResponse, recovered[1].LastResponse);
    }

    [Fact]
    public async Task Suspend_holds_items_and_resume_releases_them()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        var item = Assert.Single(h.Due.Drain());
        h.Outcomes.Report(AttemptOutcome.Of(item, [Later], AttemptInfo.None));
        Assert.Equal(1, h.Queue.Suspend(new QueueFilter(Domain: "ONE.test"), "tester"));
        Assert.Equal(0, h.Queue.RetryNow(new QueueFilter(Domain: "other.test"), "tester"));
        Assert.Equal(1, h.Queue.RetryNow(new QueueFilter(Domain: "one.test"), "tester"));
        await Task.Delay(50);
        Assert.Equal(0, h.Due.Count); // suspended: retry-now does not bypass the hold
        Assert.True(Assert.Single(h.Queue.GetSummary().Scheduled).Suspended);
        h.Queue.Resume(new QueueFilter(Domain: "one.test"), "tester");
        Assert.Same(item, Assert.Single(h.Due.Drain()));
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.AdminAction && e.Detail!.Contains("suspend by tester"));
    }

    [Fact]
    public async Task Delete_removes_silently_and_bounce_sends_a_dsn()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test"), SpoolTestData.Content(1), default);
        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "b@two.test"), SpoolTestData.Content(2), default);
        foreach (var i in h.Due.Drain()) h.Outcomes.Report(AttemptOutcome.Of(i, [Later], AttemptInfo.None));
        Assert.Equal(1, h.Queue.Delete(new QueueFilter(Domain: "one.test"), "tester"));
        await Task.Delay(50);
        Assert.Equal(0, h.Due.Count);
        Assert.Equal(1, h.Queue.Bounce(new QueueFilter(Domain: "two.test"), "list cleanup", "tester"));
        var dsn = await WaitForDispatchAsync(h);
        Assert.True(dsn.Message.Envelope.IsDsn);
        Assert.Equal(1, h.Store.Count); // only the DSN is left
    }

    private static async Task<QueueItem> WaitForDispatchAsync(QueueHarness h)
    {
        for (var i = 0; i < 200; i++)
        {
            if (h.Due.TryTake(out var item)) return item;
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException("nothing was dispatched");
    }
}
