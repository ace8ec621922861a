using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Tests.Queue.Fakes;
using Appliance.Mta.Tests.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Queue;

/// <summary>The queue's parts over a real spool in a temp folder, fake time, and <see cref="Due"/> where delivery would read.</summary>
internal sealed class QueueHarness : IAsyncDisposable
{
    public string Dir { get; } = SpoolTestData.TempDir();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    public MtaOptions Options { get; } = new() { Hostname = "mta.test" };
    public ListEventSink Events { get; } = new();
    public SegmentSpool Spool { get; private set; } = null!;
    public QueueStore Store { get; private set; } = null!;
    public QueueScheduler Scheduler { get; private set; } = null!;
    public MessageAcceptor Acceptor { get; private set; } = null!;
    public OutcomeApplier Outcomes { get; private set; } = null!;
    public SpoolCompactor Compactor { get; private set; } = null!;

    /// <summary>The admin façade.</summary>
    public QueueManager Queue { get; private set; } = null!;

    /// <summary>What the scheduler emitted (delivery's side of the channel).</summary>
    public DueItems Due { get; private set; } = null!;

    public static async Task<QueueHarness> StartAsync(Action<MtaOptions>? configure = null, params string[] dsnDisabledTenants)
    {
        var h = new QueueHarness();
        configure?.Invoke(h.Options);
        await h.OpenAsync(dsnDisabledTenants, 64L * 1024 * 1024);
        return h;
    }

    private async Task OpenAsync(string[] dsnDisabledTenants, long segmentLimit)
    {
        Spool = new SegmentSpool(Dir, NullLogger<SegmentSpool>.Instance, segmentLimit);
        var parts = new TestQueue(Spool, new SpoolIdGenerator(Time), Events, new FixedTenantDirectory(dsnDisabledTenants), Options, Time);
        (Store, Scheduler, Acceptor, Outcomes, Compactor, Queue) = (parts.Store, parts.Scheduler, parts.Acceptor, parts.Outcomes, parts.Compactor, parts.Admin());
        Due = new DueItems(Scheduler.Due);
        await Acceptor.RecoverAsync(default);
    }

    /// <summary>Closes the spool and opens a new queue over the same folder, like a restart.</summary>
    public async Task RestartAsync(long segmentLimit = 64L * 1024 * 1024)
    {
        await Spool.DisposeAsync();
        await OpenAsync([], segmentLimit);
    }

    public MessageEnvelope Envelope(string from, params string[] to) => SpoolTestData.Envelope(from, to) with { ReceivedAt = Time.GetUtcNow(), Campaign = null };

    public async ValueTask DisposeAsync()
    {
        await Spool.DisposeAsync();
        Directory.Delete(Dir, true);
    }
}
