using System.Buffers;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Benchmarks;

/// <summary>Cost of durable stores with 50 concurrent writers sharing fsyncs (group commit).</summary>
[MemoryDiagnoser]
public class SpoolBenchmarks
{
    private SegmentSpool _spool = null!;
    private string _dir = null!;
    private readonly ReadOnlySequence<byte> _body = new(Encoding.ASCII.GetBytes("Subject: x\r\n\r\n" + new string('x', 4096) + "\r\n"));
    private readonly MessageEnvelope _envelope = new()
    {
        MailFrom = "sender@source.example",
        Recipients = [new EnvelopeRecipient("user@dest.example")],
        TenantId = "default",
        ReceivedAt = DateTimeOffset.UtcNow,
        ClientAddress = "127.0.0.1",
    };
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "spoolbench-" + Guid.NewGuid().ToString("N"));
        _spool = new SegmentSpool(_dir, NullLogger<SegmentSpool>.Instance);
        _spool.RecoverAsync(default).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spool.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, true);
    }

    [Benchmark(OperationsPerInvoke = 50)]
    public Task Store50Concurrent()
    {
        var tasks = new Task[50];
        for (var i = 0; i < tasks.Length; i++) tasks[i] = _spool.StoreAsync(new SpoolId(Interlocked.Increment(ref _next)), _envelope, _body, default);
        return Task.WhenAll(tasks);
    }
}
