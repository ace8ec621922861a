using System.Buffers;
using System.Diagnostics;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// Queues N messages of 4 KB (one recipient each, 10 domains) with every destination down, then reports the
/// managed heap and RSS growth per queued message. Bodies stay in the spool, so the figure is the
/// envelope, queue item and bookkeeping only. Reported twice: with every item just accepted (due, parked in the
/// scheduler's channel) and after every item was attempted once and deferred (waiting in the timer, as with the next
/// hop refusing in bench/backlog.sh); then twice more after a restart over the same spool: recovered as they are
/// (waiting in the timer) and recovered with every item due (waiting for delivery).
/// </summary>
public static class BacklogMemory
{
    public static async Task RunAsync(int count)
    {
        var dir = Path.Combine(Path.GetTempPath(), "backlog-" + Guid.NewGuid().ToString("N"));
        await AcceptAndDeferAsync(dir, count);
        // Each phase in its own method: what the previous one built is garbage before the next one measures.
        await RecoverAsync(dir, count, "backlog_recovered", TimeProvider.System);
        await RecoverAsync(dir, count, "backlog_recovered_due", new LaterTime(TimeSpan.FromDays(1)));
        Directory.Delete(dir, true);
    }

    /// <summary>
    /// As after kill -9 and a restart (issue 22): a new queue recovers the spool of the first phase. With <paramref
    /// name="time"/> a day ahead every item is due at once (as after <c>POST /queues/retry</c>) and waits in the
    /// scheduler's channel, where nothing reads it, as a backlog waits in its ready queues for a throttled site.
    /// </summary>
    private static async Task RecoverAsync(string dir, int count, string label, TimeProvider time)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var spool = new SegmentSpool(dir, NullLogger<SegmentSpool>.Instance);
        var settings = new MtaSettings(new MtaOptions { Hostname = "bench.test" });
        var store = new QueueStore(spool, settings, NullLogger<QueueStore>.Instance);
        var scheduler = new QueueScheduler(time);
        var queue = new MessageAcceptor(spool, new SpoolIdGenerator(time), store, scheduler, new NoTenants(), time, NullLogger<MessageAcceptor>.Instance);
        await queue.RecoverAsync(default);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var parked = store.Messages.Count(m => m.Parked);
        Console.WriteLine($"RESULT {label} messages={store.Count} parked_messages={parked} due_items={scheduler.Due.Count} waiting={scheduler.Waiting} heap_bytes_per_msg={(heapAfter - heapBefore) / (double)count:F0} rss_mb={Process.GetCurrentProcess().WorkingSet64 / 1048576}");
        await spool.DisposeAsync();
    }

    private sealed class LaterTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }

    private static async Task AcceptAndDeferAsync(string dir, int count)
    {
        var spool = new SegmentSpool(dir, NullLogger<SegmentSpool>.Instance);
        var sink = new NoTenants();
        // No delivery reads the scheduler's due channel: every item stays parked there, as if every destination were down.
        var settings = new MtaSettings(new MtaOptions { Hostname = "bench.test" });
        var store = new QueueStore(spool, settings, NullLogger<QueueStore>.Instance);
        var scheduler = new QueueScheduler(TimeProvider.System);
        var queue = new MessageAcceptor(spool, new SpoolIdGenerator(TimeProvider.System), store, scheduler, sink, TimeProvider.System, NullLogger<MessageAcceptor>.Instance);
        await queue.RecoverAsync(default);
        var body = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("Subject: x\r\n\r\n" + new string('x', 4096) + "\r\n"));
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var tasks = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var envelope = new MessageEnvelope
            {
                MailFrom = $"sender{i}@source.example",
                Recipients = [new EnvelopeRecipient($"user{i}@dest{i % 10}.example")],
                TenantId = "default",
                ReceivedAt = DateTimeOffset.UtcNow,
                ClientAddress = "127.0.0.1",
                MessageIdHeader = $"{Guid.NewGuid():N}@source.example",
            };
            tasks.Add(queue.AcceptAsync(envelope, body, default).AsTask());
            if (tasks.Count == 256) { await Task.WhenAll(tasks); tasks.Clear(); }
        }
        await Task.WhenAll(tasks);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var rssAfter = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"RESULT backlog messages={store.Count} parked={scheduler.Due.Count} heap_bytes_per_msg={(heapAfter - heapBefore) / (double)count:F0} rss_bytes_per_msg={(rssAfter - rssBefore) / (double)count:F0} spool_mb={Directory.GetFiles(dir).Sum(f => new FileInfo(f).Length) / 1048576.0:F1}");

        // Then as with the next hop refusing (bench/backlog.sh): every item is attempted once, deferred with the same
        // reply, and waits in the timer for its retry.
        var outcomes = new OutcomeApplier(store, scheduler, queue, spool, sink, sink, settings, TimeProvider.System, NullLogger<OutcomeApplier>.Instance);
        var refused = new Appliance.Mta.Smtp.SmtpReply(451, "4.4.1", "connection refused by 127.0.0.1:25");
        var attempt = new AttemptInfo("127.0.0.1", "default", null, "127.0.0.1", null, 1.0);
        while (scheduler.Due.TryRead(out var item))
        {
            item.State = QueueItemState.InFlight;
            item.Site = "127.0.0.1";
            outcomes.Report(AttemptOutcome.Uniform(item, refused, attempt));
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // the progress records reach the spool writer
        var heapDeferred = GC.GetTotalMemory(forceFullCollection: true);
        var rssDeferred = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"RESULT backlog_deferred messages={store.Count} waiting={scheduler.Waiting} heap_bytes_per_msg={(heapDeferred - heapBefore) / (double)count:F0} rss_bytes_per_msg={(rssDeferred - rssBefore) / (double)count:F0}");
        await spool.DisposeAsync();
    }
}
