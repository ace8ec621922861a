namespace Appliance.Mta.Shaping;

/// <summary>
/// Counts responses matching each backoff rule in a sliding window per scope and turns a rule on when its threshold is
/// reached (KumoMTA TSA, PowerMTA backoff mode). A backoff lasts its rule's duration, then expires by itself; matches
/// during it do not extend it, so a destination is retried on schedule. Each backoff fired here, and each early end, is
/// handed to the <see cref="IBackoffStore"/> so other nodes of a cluster apply it too (<see cref="Apply"/>).
/// </summary>
public sealed class BackoffTracker
{
    private readonly TimeProvider _time;
    private readonly IBackoffStore _store;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Rule, string Key), Queue<DateTimeOffset>> _windows = [];
    private readonly Dictionary<(string Rule, string Key), ActiveBackoff> _active = [];

    /// <summary>A tracker for a single node (backoffs are not shared).</summary>
    public BackoffTracker(TimeProvider time) : this(time, LocalBackoffStore.Instance)
    {
    }

    /// <summary>A tracker that shares the backoffs it fires through <paramref name="store"/>.</summary>
    public BackoffTracker(TimeProvider time, IBackoffStore store)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(store);
        _time = time;
        _store = store;
    }

    /// <summary>Records one response of (source, site) against the rules; returns the backoffs it switched on.</summary>
    public IReadOnlyList<ActiveBackoff> Observe(string source, string site, IReadOnlyList<BackoffRule> rules, string response)
    {
        List<ActiveBackoff>? fired = null;
        var now = _time.GetUtcNow();
        foreach (var rule in rules)
        {
            if (!rule.IsMatch(response)) continue;
            var key = KeyOf(rule.Scope, source, site);
            lock (_lock)
            {
                if (_active.TryGetValue((rule.Name, key), out var on) && on.Until > now) continue;
                if (!_windows.TryGetValue((rule.Name, key), out var window)) _windows[(rule.Name, key)] = window = new Queue<DateTimeOffset>();
                window.Enqueue(now);
                while (window.Count > 0 && window.Peek() <= now - rule.Window) window.Dequeue();
                if (window.Count < rule.Threshold) continue;
                var backoff = new ActiveBackoff(rule.Name, rule.Action, rule.Scope, key, rule.Rate, response, window.Count, now, now + rule.Duration);
                _active[(rule.Name, key)] = backoff;
                window.Clear();
                (fired ??= []).Add(backoff);
            }
        }
        if (fired is null) return [];
        foreach (var backoff in fired) _store.Publish(backoff);
        return fired;
    }

    /// <summary>The backoffs in force for (source, site): on the queue, the site or the source.</summary>
    public IReadOnlyList<ActiveBackoff> For(string source, string site)
    {
        var now = _time.GetUtcNow();
        var queue = KeyOf(BackoffScope.Queue, source, site);
        lock (_lock)
        {
            if (_active.Count == 0) return [];
            return _active.Values.Where(b => b.Until > now && b.Key == (b.Scope switch
            {
                BackoffScope.Queue => queue,
                BackoffScope.Site => site,
                _ => source,
            })).ToList();
        }
    }

    /// <summary>Every backoff in force; expired ones are dropped.</summary>
    public IReadOnlyList<ActiveBackoff> Active()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var key in _active.Where(kv => kv.Value.Until <= now).Select(kv => kv.Key).ToList()) _active.Remove(key);
            return _active.Values.OrderBy(b => b.Until).ToList();
        }
    }

    /// <summary>Ends a backoff early (admin action); true when one was in force.</summary>
    public bool Clear(string rule, string key)
    {
        bool removed;
        lock (_lock) removed = _active.Remove((rule, key));
        _store.PublishCleared(rule, key);
        return removed;
    }

    /// <summary>
    /// Applies a backoff another node fired (delivered by the host's <see cref="IBackoffStore"/>): in force here until
    /// it expires. An expired one is ignored; one already in force is kept if it lasts longer. False when ignored.
    /// </summary>
    public bool Apply(ActiveBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        if (backoff.Until <= _time.GetUtcNow()) return false;
        lock (_lock)
        {
            if (_active.TryGetValue((backoff.Rule, backoff.Key), out var current) && current.Until >= backoff.Until) return false;
            _active[(backoff.Rule, backoff.Key)] = backoff;
            return true;
        }
    }

    /// <summary>Ends a backoff another node's admin ended (not published again); true when one was in force.</summary>
    public bool Remove(string rule, string key)
    {
        lock (_lock) return _active.Remove((rule, key));
    }

    /// <summary>
    /// The key a backoff of <paramref name="scope"/> is tracked under: "source->site" for a queue, the site, or the
    /// source.
    /// </summary>
    public static string KeyOf(BackoffScope scope, string source, string site) => scope switch
    {
        BackoffScope.Queue => $"{source}->{site}",
        BackoffScope.Site => site,
        _ => source,
    };
}
