using System.Collections.Concurrent;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// Lets a repeated log line through once per key per <see cref="Interval"/>, so a condition every message meets (an
/// unsigned From: domain, say) is logged once an hour per domain rather than once per message. At most
/// <see cref="Capacity"/> keys are remembered; past that the memory starts over (a few extra lines, never growth).
/// </summary>
public sealed class LogThrottle(TimeProvider time, TimeSpan interval, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>The shortest time between two lines for the same key.</summary>
    public TimeSpan Interval => interval;

    /// <summary>Keys remembered at most; when full, the memory is cleared and starts over.</summary>
    public int Capacity => capacity;

    /// <summary>True when <paramref name="key"/> was not let through within the interval (and records it now).</summary>
    public bool ShouldLog(string key)
    {
        var now = time.GetTimestamp();
        if (_last.TryGetValue(key, out var last) && time.GetElapsedTime(last, now) < interval) return false;
        if (_last.Count >= capacity) _last.Clear();
        _last[key] = now;
        return true;
    }
}
