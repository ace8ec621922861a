// bench/recovery.sh's harness: "fill DIR N" writes N deferred 4 KB messages straight into a SegmentSpool and exits
// without disposing (as after kill -9); "recover DIR" times MessageAcceptor.RecoverAsync (spool replay and queue
// rebuild), "spool DIR" the spool replay alone, and prints CPU ms, allocated MB and /proc/self/io.
using System.Buffers;
using System.Diagnostics;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

var mode = args[0];
var dir = args[1];
if (mode == "fill")
{
    var n = int.Parse(args[2]);
    var spool = new SegmentSpool(dir, NullLogger<SegmentSpool>.Instance);
    await spool.RecoverAsync(default);
    var ids = new SpoolIdGenerator(TimeProvider.System);
    var body = new StringBuilder("Subject: bench\r\nMessage-ID: <x@bench>\r\nFrom: a@bench.test\r\n\r\n");
    while (body.Length < 4096) body.Append("line of body text 0123456789 abcdefghijklmnopqrstuvwxyz\r\n");
    var content = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(body.ToString()));
    var next = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
    for (var start = 0; start < n; start += 1000)
    {
        var batch = new List<Task>();
        var batchIds = new List<SpoolId>();
        for (var i = start; i < Math.Min(n, start + 1000); i++)
        {
            var id = ids.Next();
            batchIds.Add(id);
            var env = new MessageEnvelope
            {
                MailFrom = $"sender{i % 50}@bench.test",
                Recipients = [new EnvelopeRecipient($"user{i}@dom{i % 10}.test")],
                TenantId = "default",
                ReceivedAt = DateTimeOffset.UtcNow,
                ClientAddress = "127.0.0.1",
                MessageIdHeader = $"{i}.bench@bench.test",
            };
            batch.Add(spool.StoreAsync(id, env, content, default));
        }
        await Task.WhenAll(batch);
        batch.Clear();
        foreach (var id in batchIds) batch.Add(spool.SaveProgressAsync(id, new MessageProgress([], 1, next, "421 4.4.1 Connection refused")));
        await Task.WhenAll(batch);
    }
    Console.WriteLine($"filled {n}");
    Environment.Exit(0); // no dispose: as after kill -9 (everything awaited is fsynced)
}
else
{
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var alloc0 = GC.GetTotalAllocatedBytes(true);
    var sw = Stopwatch.StartNew();
    var spool = new SegmentSpool(dir, NullLogger<SegmentSpool>.Instance);
    var opts = new MtaOptions();
    var store = new QueueStore(spool, new MtaSettings(opts), NullLogger<QueueStore>.Instance);
    var scheduler = new QueueScheduler(TimeProvider.System);
    var acceptor = new MessageAcceptor(spool, new SpoolIdGenerator(TimeProvider.System), store, scheduler, new NullSink(), TimeProvider.System, NullLogger<MessageAcceptor>.Instance);
    if (mode == "spool") await spool.RecoverAsync(default); else await acceptor.RecoverAsync(default);
    var wall = sw.ElapsedMilliseconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
    var alloc = GC.GetTotalAllocatedBytes(true) - alloc0;
    // What recovery leaves live: the rebuilt queue (every due item sits in the scheduler's channel, nothing reads it).
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var io = File.OpenText("/proc/self/io");
    var ioText = io.ReadToEnd().Replace('\n', ' ');
    Console.WriteLine($"RESULT recover messages={store.Count} wall_ms={wall} cpu_ms={cpu:F0} alloc_mb={alloc / 1048576.0:F0} rss_mb={Process.GetCurrentProcess().WorkingSet64 / 1048576} heap_mb={heap / 1048576.0:F0} heap_bytes_per_msg={heap / (double)Math.Max(1, store.Count):F0} gc0={GC.CollectionCount(0)} gc2={GC.CollectionCount(2)} {ioText}");
    Environment.Exit(0);
}

sealed class NullSink : IEventSink { public void Write(MtaEvent e) { } }
