using Appliance.Mta.Events;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// This node's last <see cref="Count"/> Alert events for its registry entry, read from the event log at most once per
/// <see cref="RefreshInterval"/> (the heartbeat runs every second; the event search reads files).
/// </summary>
public sealed class NodeAlerts(EventLog log, TimeProvider time)
{
    /// <summary>How many alerts an entry carries (as `appliance status`).</summary>
    public const int Count = 5;

    /// <summary>How stale the cached list may be.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<NodeAlert> _last = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The last alerts, newest first, as of the last read.</summary>
    public IReadOnlyList<NodeAlert> Last => _last;

    /// <summary>Reads the event log again when the cached list is older than <see cref="RefreshInterval"/>.</summary>
    public async Task<IReadOnlyList<NodeAlert>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() - _readAt < RefreshInterval) return _last;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _readAt < RefreshInterval) return _last;
            var events = await log.SearchAsync(new EventQuery { Types = new HashSet<MtaEventType> { MtaEventType.Alert }, Limit = Count }, cancellationToken);
            _last = [.. events.OrderByDescending(e => e.Timestamp).Select(e => new NodeAlert(e.Timestamp, e.Detail ?? e.Response))];
            _readAt = time.GetUtcNow();
            return _last;
        }
        catch (IOException)
        {
            return _last; // a rotated file: the next heartbeat tries again
        }
        finally
        {
            _gate.Release();
        }
    }
}
