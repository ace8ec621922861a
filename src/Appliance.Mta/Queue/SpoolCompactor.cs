using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue;

/// <summary>
/// Copies live messages out of the segments the spool wants evacuated (long-deferred mail in an old segment would
/// otherwise pin every younger segment on disk), with their progress; the relocated copy supersedes the old one at
/// recovery.
/// </summary>
public sealed class SpoolCompactor
{
    private readonly QueueStore _store;
    private readonly ISpool _spool;
    private readonly TimeProvider _time;
    private readonly ILogger<SpoolCompactor> _logger;

    /// <summary>
    /// A compactor over the queue state (which messages are live) and the spool (which segments to evacuate).
    /// </summary>
    public SpoolCompactor(QueueStore store, ISpool spool, TimeProvider time, ILogger<SpoolCompactor> logger)
    {
        _store = store;
        _spool = spool;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs <see cref="CompactOnceAsync"/> every <paramref name="interval"/> until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stoppingToken).ConfigureAwait(false);
                await CompactOnceAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                QueueLog.CompactionFailed(_logger, ex);
            }
        }
    }

    /// <summary>One pass: relocate each live message whose content sits in a segment to evacuate.</summary>
    public async Task<int> CompactOnceAsync()
    {
        var victims = _spool.SegmentsToEvacuate();
        if (victims.Count == 0) return 0;
        var moved = 0;
        foreach (var message in _store.Messages)
        {
            var location = message.Location;
            if (!victims.Contains(location.Segment)) continue;
            Task<SpoolLocation> relocation;
            using (var content = _spool.ReadContent(location))
            {
                lock (message.Sync)
                {
                    // Under the lock: a Remove or newer progress is enqueued either before (we skip) or after us.
                    if (message.Removed || message.Location != location) continue;
                    relocation = _spool.RelocateAsync(message.Id, message.Envelope, message.Snapshot(message.NextAttempt, message.LastResponse), content.Memory);
                }
                message.Location = await relocation.ConfigureAwait(false);
            }
            moved++;
        }
        if (moved > 0) QueueLog.Relocated(_logger, moved, string.Join(",", victims));
        return moved;
    }
}
