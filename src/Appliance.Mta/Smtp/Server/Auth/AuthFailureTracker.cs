using System.Collections.Concurrent;
using System.Net;

namespace Appliance.Mta.Smtp.Server.Auth;

/// <summary>
/// Per-IP AUTH failure lockout: after <c>limit</c> failures within <c>window</c>, the IP is locked
/// until its oldest counted failure leaves the window (a sliding window on an injected clock).
/// </summary>
/// <remarks>
/// The count is atomic against parallel attempts: an attempt takes a place (<see cref="TryReserve"/>) before the
/// secret is checked, counted together with the failures, and turns it into a failure (<see cref="Fail"/>) or gives it
/// back (<see cref="Release"/>) afterwards. So however many connections guess at once, at most <c>limit</c> secrets are
/// checked per window and IP; checking first and counting after let 150 parallel connections evaluate 16 guesses.
/// </remarks>
internal sealed class AuthFailureTracker
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private int _recordsSinceSweep;

    public AuthFailureTracker(TimeProvider time, int limit, TimeSpan window)
    {
        _time = time;
        _limit = Math.Max(1, limit);
        _window = window;
    }

    /// <summary>True when the IP's failures alone reach the limit (attempts in flight do not lock).</summary>
    public bool IsLocked(IPAddress ip)
    {
        if (!_entries.TryGetValue(Normalize(ip), out var e)) return false;
        lock (e)
        {
            Prune(e, _time.GetUtcNow());
            return e.Failures.Count >= _limit;
        }
    }

    /// <summary>
    /// Takes a place in the IP's failure count before a secret is checked; false when failures plus attempts in
    /// flight already reach the limit (the attempt must be refused without checking the secret).
    /// </summary>
    public bool TryReserve(IPAddress ip) => Update(ip, e =>
    {
        if (e.Failures.Count + e.InFlight >= _limit) return false;
        e.InFlight++;
        return true;
    });

    /// <summary>The reserved attempt failed: its place becomes a failure at the current time.</summary>
    public void Fail(IPAddress ip) => Update(ip, e =>
    {
        if (e.InFlight > 0) e.InFlight--;
        e.Failures.Enqueue(_time.GetUtcNow());
        return true;
    });

    /// <summary>The reserved attempt succeeded or ended without a verdict: its place is given back.</summary>
    public void Release(IPAddress ip) => Update(ip, e =>
    {
        if (e.InFlight > 0) e.InFlight--;
        return true;
    });

    /// <summary>Counts a failure that checked no secret (a malformed exchange).</summary>
    public void RecordFailure(IPAddress ip) => Update(ip, e =>
    {
        e.Failures.Enqueue(_time.GetUtcNow());
        while (e.Failures.Count > _limit) e.Failures.Dequeue();
        return true;
    });

    private bool Update(IPAddress ip, Func<Entry, bool> change)
    {
        var key = Normalize(ip);
        var now = _time.GetUtcNow();
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
            if (Interlocked.Increment(ref _recordsSinceSweep) % 1024 == 0) Sweep(now);
            return result;
        }
    }

    private void Prune(Entry e, DateTimeOffset now)
    {
        while (e.Failures.Count > 0 && now - e.Failures.Peek() >= _window) e.Failures.Dequeue();
    }

    /// <summary>Drops IPs whose failures all aged out and with nothing in flight, so the table does not grow without bound.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (ip, e) in _entries)
        {
            lock (e)
            {
                Prune(e, now);
                if (e.Failures.Count > 0 || e.InFlight > 0) continue;
                e.Removed = true;
                _entries.TryRemove(new KeyValuePair<IPAddress, Entry>(ip, e));
            }
        }
    }

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public int InFlight { get; set; }

        public bool Removed { get; set; }
    }
}
