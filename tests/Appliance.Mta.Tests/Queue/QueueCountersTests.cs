using Appliance.Mta.Admin;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Queue.Spool;

namespace Appliance.Mta.Tests.Queue;

/// <summary>
/// The admin read model: counters kept at every item transition equal a full walk of the queue after any sequence of
/// accepts, deliveries, deferrals, bounces, expiries, postponements, admin operations and restarts; reads never take
/// the queue lock.
/// </summary>
public sealed class QueueCountersTests
{
    private static readonly SmtpReply Ok = new(250, "2.0.0", "ok");
    private static readonly SmtpReply Later = new(451, "4.2.0", "try later");
    private static readonly SmtpReply NoSuchUser = new(550, "5.1.1", "no such user");
    private static readonly string[] Tenants = ["acme", "globex", "default"];
    private static readonly string[] Domains = ["one.test", "two.test", "three.test", "Four.test"];

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public async Task Counters_equal_a_full_walk_after_a_random_sequence_of_operations(int seed)
    {
        var random = new Random(seed);
        await using var h = await QueueHarness.StartAsync(o =>
        {
            o.Delivery.RetryInterval = TimeSpan.FromMinutes(5);
            o.Delivery.MaxAge = TimeSpan.FromHours(2);
            o.Delivery.MaxRecipientsPerTransaction = 2; // several items per message and domain
        });
        var inHand = new List<QueueItem>();
        var accepted = 0;
        for (var step = 0; step < 400; step++)
        {
            inHand.AddRange(h.Due.Drain());
            var op = random.Next(100);
            if (op < 25)
            {
                var to = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"r{step}-{i}@{Domains[random.Next(Domains.Length)]}").ToArray();
                // The null sender: no DSN is injected in the background while the test compares.
                var envelope = h.Envelope("", to) with
                {
                    TenantId = Tenants[random.Next(Tenants.Length)],
                    Campaign = random.Next(3) == 0 ? "spring" : null,
                };
                Assert.Equal(250, (await h.Acceptor.AcceptAsync(envelope, SpoolTestData.Content(step, 512), default)).Code);
                accepted++;
            }
            else if (op < 55 && inHand.Count > 0)
            {
                var item = Take(inHand, random);
                if (item.State == QueueItemState.Done) continue;
                if (item.Cancel != CancelAction.None)
                {
                    h.Outcomes.Report(new CancelledOutcome(item)); // what the sender reports for a cancelled item it dequeues
                    continue;
                }
                item.State = QueueItemState.InFlight; // as the dispatcher marks it before sending
                var replies = item.Recipients.Select(_ => random.Next(10) switch { < 4 => Ok, < 8 => Later, _ => NoSuchUser }).ToArray();
                h.Outcomes.Report(AttemptOutcome.Of(item, replies, AttemptInfo.None));
            }
            else if (op < 60 && inHand.Count > 0)
            {
                var item = Take(inHand, random);
                if (item.State != QueueItemState.Done && item.Cancel == CancelAction.None) h.Outcomes.Report(new PostponedOutcome(item, h.Time.GetUtcNow().AddMinutes(random.Next(1, 30)), "held by shaping"));
            }
            else if (op < 70)
            {
                h.Queue.RetryNow(RandomFilter(random), "test"); // the timer firing for whatever it selects
            }
            else if (op < 75)
            {
                h.Queue.Suspend(RandomFilter(random), "test");
            }
            else if (op < 82)
            {
                h.Queue.Resume(RandomFilter(random), "test");
            }
            else if (op < 85)
            {
                h.Queue.Bounce(RandomFilter(random, narrow: true), "spam", "test");
            }
            else if (op < 87)
            {
                h.Queue.Delete(RandomFilter(random, narrow: true), "test");
            }
            else if (op < 95)
            {
                h.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 40))); // ages messages past max_age now and then
            }
            else if (op < 97)
            {
                await h.RestartAsync();
                inHand.Clear();
            }
            AssertCountersEqualWalk(h.Queue, $"seed {seed}, step {step}");
        }
        Assert.True(accepted > 50);
    }

    [Fact]
    public async Task Counters_follow_one_message_through_its_states()
    {
        await using var h = await QueueHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(10));
        await h.Acceptor.AcceptAsync(h.Envelope("", "a@one.test", "b@one.test", "c@two.test") with { TenantId = "acme" }, SpoolTestData.Content(1), default);
        Assert.Equal(new[] { 1, 3, 2, 0, 2, 0, 0 }, Totals(h.Queue.GetCounters()));

        var items = h.Due.Drain();
        var one = items.Single(i => i.Domain == "one.test");
        one.State = QueueItemState.InFlight;
        Assert.Equal(new[] { 1, 3, 2, 0, 1, 1, 0 }, Totals(h.Queue.GetCounters()));

        h.Outcomes.Report(AttemptOutcome.Of(one, [Ok, Later], AttemptInfo.None)); // b deferred
        Assert.Equal(new[] { 1, 2, 2, 1, 1, 0, 1 }, Totals(h.Queue.GetCounters()));

        h.Outcomes.Report(AttemptOutcome.Of(items.Single(i => i.Domain == "two.test"), [Ok], AttemptInfo.None));
        h.Queue.Bounce(new QueueFilter(Tenant: "acme"), "stop", "test");
        var done = h.Queue.GetCounters();
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 0, 0 }, Totals(done));
        Assert.Empty(done.MessagesByTenant);
        Assert.Empty(h.Queue.GetSummary().Scheduled);
    }

    [Fact]
    public async Task Summary_and_query_do_not_take_the_queue_lock()
    {
        await using var h = await QueueHarness.StartAsync();
        await h.Acceptor.AcceptAsync(h.Envelope("", "a@one.test", "b@two.test"), SpoolTestData.Content(1), default);
        var queueLock = h.Store.Sync; // the queue lock
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Task.Factory.StartNew(() =>
        {
            using (queueLock.EnterScope())
            {
                held.Set();
                release.Wait();
            }
        }, TaskCreationOptions.LongRunning);
        held.Wait();
        try
        {
            var reads = Task.Run(() => (h.Queue.GetSummary(), h.Queue.GetCounters(), h.Queue.QueryScheduled(new ScheduledQueueQuery())));
            var walk = Task.Run(h.Queue.WalkSummary);
            Assert.Same(reads, await Task.WhenAny(reads, Task.Delay(TimeSpan.FromSeconds(10))));
            var (summary, counters, page) = await reads;
            Assert.Equal(2, summary.Scheduled.Count);
            Assert.Equal(1, counters.Messages);
            Assert.Equal(2, page.Total);
            // The walk does wait for the lock: the test can tell the difference.
            await Task.Delay(200);
            Assert.False(walk.IsCompleted);
            release.Set();
            Assert.Equal(2, (await walk).Scheduled.Count);
        }
        finally
        {
            release.Set();
            await holder;
        }
    }

    [Fact]
    public async Task Query_filters_sorts_and_pages_scheduled_queues()
    {
        await using var h = await QueueHarness.StartAsync();
        for (var i = 0; i < 30; i++)
            await h.Acceptor.AcceptAsync(h.Envelope("", Enumerable.Range(0, i % 3 + 1).Select(r => $"r{r}@d{i:00}.test").ToArray()) with { TenantId = i % 2 == 0 ? "even" : "odd" }, SpoolTestData.Content(i), default);

        var first = h.Queue.QueryScheduled(new ScheduledQueueQuery(PageSize: 25));
        var second = h.Queue.QueryScheduled(new ScheduledQueueQuery(Page: 1, PageSize: 25));
        Assert.Equal(30, first.Total);
        Assert.Equal(25, first.Items.Count);
        Assert.Equal(5, second.Items.Count);
        Assert.Equal(h.Queue.WalkSummary().Scheduled.Select(q => q.Name), first.Items.Concat(second.Items).Select(q => q.Name));

        var odd = h.Queue.QueryScheduled(new ScheduledQueueQuery(Tenant: "odd", Sort: ScheduledQueueSort.Recipients, Descending: true, PageSize: 5));
        Assert.Equal(15, odd.Total);
        Assert.All(odd.Items, q => Assert.Equal("odd", q.Tenant));
        Assert.All(odd.Items, q => Assert.Equal(3, q.Recipients));

        var text = h.Queue.QueryScheduled(new ScheduledQueueQuery(Search: "D1", Sort: ScheduledQueueSort.Domain));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"d{i}.test"), text.Items.Select(q => q.Domain));

        h.Queue.Suspend(new QueueFilter(Domain: "d07.test"), "test");
        var suspended = h.Queue.QueryScheduled(new ScheduledQueueQuery(State: ScheduledQueueState.Suspended));
        Assert.Equal("d07.test", Assert.Single(suspended.Items).Domain);
        Assert.Equal(29, h.Queue.QueryScheduled(new ScheduledQueueQuery(State: ScheduledQueueState.Active)).Total);
        Assert.Equal("d29.test", Assert.Single(h.Queue.QueryScheduled(new ScheduledQueueQuery(Domain: "D29.TEST")).Items).Domain);
    }

    private static int[] Totals(QueueCountersSnapshot c) => [c.Messages, c.Recipients, c.Items, c.Scheduled, c.Ready, c.InFlight, c.Deferred];

    private static QueueItem Take(List<QueueItem> items, Random random)
    {
        var index = random.Next(items.Count);
        var item = items[index];
        items.RemoveAt(index);
        return item;
    }

    private static QueueFilter RandomFilter(Random random, bool narrow = false) => random.Next(narrow ? 2 : 4) switch
    {
        0 => new QueueFilter(Tenant: Tenants[random.Next(Tenants.Length)]),
        1 => new QueueFilter(Domain: Domains[random.Next(Domains.Length)].ToLowerInvariant()),
        2 => new QueueFilter(Tenant: Tenants[random.Next(Tenants.Length)], Campaign: "spring"),
        _ => new QueueFilter(),
    };

    private static void AssertCountersEqualWalk(QueueManager queue, string because)
    {
        var walk = queue.WalkSummary();
        var summary = queue.GetSummary();
        Assert.True(walk.Scheduled.SequenceEqual(summary.Scheduled), $"{because}: scheduled queues differ\nwalk:     {string.Join("; ", walk.Scheduled)}\ncounters: {string.Join("; ", summary.Scheduled)}");
        Assert.Equal(walk.TotalMessages, summary.TotalMessages);
        Assert.Equal(walk.MessagesByTenant.OrderBy(p => p.Key), summary.MessagesByTenant.OrderBy(p => p.Key));
        var walked = queue.WalkCounters();
        var counted = queue.GetCounters();
        Assert.True(walked with { MessagesByTenant = counted.MessagesByTenant } == counted, $"{because}: {walked} != {counted}");
    }
}
