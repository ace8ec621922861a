using Appliance.Mta.Configuration;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Tests.Queue.Fakes;
using Appliance.Mta.Tests.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Queue;

/// <summary>A QueueManager over a real spool in a temp folder, fake time and a recording dispatcher.</summary>
internal sealed class QueueHarness : IAsyncDisposable
{
    public string Dir { get; } = SpoolTestData.TempDir();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    public MtaOptions Options { get; } = new() { Hostname = "mta.test" };
    public RecordingDispatcher Dispatcher { get; } = new();
    public ListEventSink Events { get; } = new();
    public SegmentSpool Spool { get; private set; } = null!;
    public QueueManager Queue { get; private set; } = null!;

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
        Queue = new QueueManager(Spool, new SpoolIdGenerator(Time), Events, new FixedTenantDirectory(dsnDisabledTenants),
            new MtaSettings(Options), Time, NullLogger<QueueManager>.Instance);
        Queue.Attach(Dispatcher);
        await Queue.RecoverAsync(default);
    }

    /// <summary>Closes the spool and opens a new QueueManager over the same folder, like a restart.</summary>
    public async Task RestartAsync(long segmentLimit = 64L * 1024 * 1024)
    {
        await Spool.DisposeAsync();
        Dispatcher.Drain();
        await OpenAsync([], segmentLimit);
    }

    public MessageEnvelope Envelope(string from, params string[] to) => SpoolTestData.Envelope(from, to) with { ReceivedAt = Time.GetUtcNow(), Campaign = null };

    public async ValueTask DisposeAsync()
    {
        await Spool.DisposeAsync();
        Directory.Delete(Dir, true);
    }
}
