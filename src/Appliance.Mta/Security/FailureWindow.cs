using System.Collections.Concurrent;

namespace Appliance.Mta.Security;

/// <summary>
/// Failures per key within a sliding window on an injected clock, with reservations: an attempt takes its place in
/// the count before the secret is checked (<see cref="TryReserve"/>), then turns it into a failure
/// (<see cref="Fail"/>) or gives it back (<see cref="Release"/>). Failures plus attempts in flight never exceed the
/// limit, so parallel requests cannot check more secrets than the limit allows. Used by SMTP AUTH per client address
/// (<c>AuthFailureTracker</c>) and by the admin panel's login per account and address.
/// </summary>
public sealed class FailureWindow<TKey>(TimeProvider time, int limit, TimeSpan window, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);
    private readonly int _limit = Math.Max(1, limit);
    private int _updatesSinceSweep;

    /// <summary>True when the key's failures alone reach the limit.</summary>
    public bool IsLocked(TKey key)
    {
        if (!_entries.TryGetValue(key, out var e)) return false;
        lock (e)
        {
            Prune(e, time.GetUtcNow());
            return e.Failures.Count >= _limit;
        }
    }

    /// <summary>Takes a place for an attempt; false when failures plus attempts in flight already reach the limit.</summary>
    public bool TryReserve(TKey key) => Update(key, e =>
    {
        if (e.Failures.Count + e.InFlight >= _limit) return false;
        e.InFlight++;
        return true;
    });

    /// <summary>The reserved attempt failed: its place becomes a failure now.</summary>
    public void Fail(TKey key) => Update(key, e =>
    {
        if (e.InFlight > 0) e.InFlight--;
        e.Failures.Enqueue(time.GetUtcNow());
        return true;
    });

    /// <summary>The reserved attempt ended without a failure: its place is given back.</summary>
    public void Release(TKey key) => Update(key, e =>
    {
        if (e.InFlight > 0) e.InFlight--;
        return true;
    });

    /// <summary>The reserved attempt succeeded: its place is given back and earlier failures are forgotten.</summary>
    public void Succeed(TKey key) => Update(key, e =>
    {
        if (e.InFlight > 0) e.InFlight--;
        e.Failures.Clear();
        return true;
    });

    /// <summary>Counts a failure that checked no secret (a malformed exchange); the count never grows past the limit.</summary>
    public void RecordFailure(TKey key) => Update(key, e =>
    {
        e.Failures.Enqueue(time.GetUtcNow());
        while (e.Failures.Count > _limit) e.Failures.Dequeue();
        return true;
    });

    private bool Update(TKey key, Func<Entry, bool> change)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var e = _entries.GetOrAdd(key, static _ => new Entry());
            bool result;
            lock (e)
            {
                if (e.Removed) continue; // swept between GetOrAdd and lock: take the fresh entry
                Prune(e, now);
                result = change(e);
            }
            if (Interlocked.Increment(ref _updatesSinceSweep) % 1024 == 0) Sweep(now);
            return result;
        }
    }

    private void Prune(Entry e, DateTimeOffset now)
    {
        while (e.Failures.Count > 0 && now - e.Failures.Peek() >= window) e.Failures.Dequeue();
    }

    /// <summary>Drops keys with no failure left in the window and nothing in flight, so the table stays small.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, e) in _entries)
        {
            lock (e)
            {
                Prune(e, now);
                if (e.Failures.Count > 0 || e.InFlight > 0) continue;
                e.Removed = true;
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, e));
            }
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public int InFlight { get; set; }

        public bool Removed { get; set; }
    }
}
