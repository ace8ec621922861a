using System.Collections.Concurrent;
using System.Net;

namespace Appliance.Mta.Smtp.Server.Auth;

/// <summary>
/// Per-IP AUTH failure lockout: after <c>limit</c> failures within <c>window</c>, the IP is locked
/// until its oldest counted failure leaves the window (a sliding window on an injected clock).
/// </summary>
internal sealed class AuthFailureTracker
{
    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> _failures = new();
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

    public bool IsLocked(IPAddress ip)
    {
        if (!_failures.TryGetValue(Normalize(ip), out var q)) return false;
        lock (q)
        {
            Prune(q, _time.GetUtcNow());
            return q.Count >= _limit;
        }
    }

    public void RecordFailure(IPAddress ip)
    {
        var now = _time.GetUtcNow();
        var q = _failures.GetOrAdd(Normalize(ip), static _ => new Queue<DateTimeOffset>());
        lock (q)
        {
            Prune(q, now);
            q.Enqueue(now);
            while (q.Count > _limit) q.Dequeue();
        }
        if (Interlocked.Increment(ref _recordsSinceSweep) % 1024 == 0) Sweep(now);
    }

    private void Prune(Queue<DateTimeOffset> q, DateTimeOffset now)
    {
        while (q.Count > 0 && now - q.Peek() >= _window) q.Dequeue();
    }

    /// <summary>Drops IPs whose failures all aged out, so the table does not grow without bound.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (ip, q) in _failures)
        {
            lock (q)
            {
                Prune(q, now);
                if (q.Count == 0) _failures.TryRemove(new KeyValuePair<IPAddress, Queue<DateTimeOffset>>(ip, q));
            }
        }
    }

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
