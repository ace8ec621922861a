using Appliance.Mta.Shaping;

namespace Appliance.Web.Cluster.Limits;

/// <summary>Connection slots counted on this node only: the leases' fallback while Redis is away (thread-safe).</summary>
public sealed class LocalLeaseCounter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);

    /// <summary>A lease when fewer than <paramref name="limit"/> are held here for <paramref name="key"/>; else null.</summary>
    public IConnectionLease? TryAcquire(string key, int limit)
    {
        lock (_lock)
        {
            _held.TryGetValue(key, out var held);
            if (held >= limit) return null;
            _held[key] = held + 1;
        }
        return new LocalLease(this, key);
    }

    /// <summary>Slots held here for <paramref name="key"/>.</summary>
    public int Held(string key)
    {
        lock (_lock) return _held.GetValueOrDefault(key);
    }

    internal void Release(string key)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(key, out var held)) return;
            if (held <= 1) _held.Remove(key);
            else _held[key] = held - 1;
        }
    }
}
