using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using BenchmarkDotNet.Attributes;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// What packing and rebuilding a waiting message's envelope costs (issue 22, restart memory): recovery packs every
/// envelope it reads, and an item that waited packed is rebuilt once more when it is placed in its ready queue and once
/// when delivery takes it to send it. The envelope is the one bench/backlog.sh queues (one recipient, 4 labels).
/// Run: dotnet run -c Release --project bench/Appliance.Mta.Benchmarks -- --filter *EnvelopePacker* --inProcess
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EnvelopePackerBenchmarks
{
    private readonly MessageEnvelope _envelope = new()
    {
        MailFrom = "sender17@source.example",
        Recipients = [new EnvelopeRecipient("user123456@dest7.example")],
        TenantId = "default",
        ReceivedAt = DateTimeOffset.UtcNow,
        ClientAddress = "127.0.0.1",
        MessageIdHeader = "0f8e2a4c9b7d4e1f8a6c3b2d1e0f9a8b@source.example",
    };

    private byte[] _packed = null!;

    [GlobalSetup]
    public void Setup() => _packed = EnvelopePacker.Pack(_envelope);

    [Benchmark]
    public byte[] Pack() => EnvelopePacker.Pack(_envelope);

    [Benchmark]
    public MessageEnvelope Unpack() => EnvelopePacker.Unpack(_packed);
}
