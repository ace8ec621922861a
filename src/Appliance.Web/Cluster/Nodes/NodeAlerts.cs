using Appliance.Mta.Events;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// This node's last <see cref="Count"/> Alert events for its registry entry. The event log is read once, at the first
/// heartbeat, for the alerts of the last <see cref="SeedWindow"/>; after that the list is kept from the events
/// themselves (the engine's <c>node-alerts</c> listener slot), so a heartbeat never scans the event log. (A scan per
/// heartbeat reads every event when there is no alert: 7 % of a relaying node's CPU in `bench/cluster.sh`.)
/// </summary>
public sealed class NodeAlerts(EventLog log, TimeProvider time) : IEventListener
{
    /// <summary>How many alerts an entry carries (as `appliance status`).</summary>
    public const int Count = 5;

    /// <summary>How far back the one read at start looks.</summary>
    public static readonly TimeSpan SeedWindow = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<NodeAlert> _arrived = []; // alerts seen by the listener, kept to Count, oldest first
    private IReadOnlyList<NodeAlert> _last = [];
    private bool _seeded;

    /// <summary>The last alerts, newest first, as of the last read.</summary>
    public IReadOnlyList<NodeAlert> Last => _last;

    /// <summary>Keeps an Alert event (the engine calls this for every event, on the writer's thread).</summary>
    public void OnEvent(MtaEvent e)
    {
        if (e.Type != MtaEventType.Alert) return;
        lock (_lock)
        {
            _arrived.Add(new NodeAlert(e.Timestamp, e.Detail ?? e.Response));
            if (_arrived.Count > Count) _arrived.RemoveAt(0);
            if (_seeded) _last = Merge(_last);
        }
    }

    /// <summary>The last alerts: read from the event log once, then kept from the events.</summary>
    public async Task<IReadOnlyList<NodeAlert>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_seeded) return _last;
        await _seeding.WaitAsync(cancellationToken);
        try
        {
            if (_seeded) return _last;
            var query = new EventQuery { Types = new HashSet<MtaEventType> { MtaEventType.Alert }, From = time.GetUtcNow() - SeedWindow, Limit = Count };
            var read = (await log.SearchAsync(query, cancellationToken)).Select(e => new NodeAlert(e.Timestamp, e.Detail ?? e.Response)).ToList();
            lock (_lock)
            {
                _last = Merge(read);
                _seeded = true;
            }
            return _last;
        }
        catch (IOException)
        {
            return _last; // a rotated file: the next heartbeat tries again
        }
        finally
        {
            _seeding.Release();
        }
    }

    // Under _lock: the newest Count of what was read or kept and what arrived since (an alert may be in both).
    private IReadOnlyList<NodeAlert> Merge(IEnumerable<NodeAlert> known) =>
        [.. known.Concat(_arrived).Distinct().OrderByDescending(a => a.Timestamp).Take(Count)];
}
