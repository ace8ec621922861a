namespace Appliance.Mta.Queue.Spool;

/// <summary>Hands out strictly increasing <see cref="SpoolId"/>s; lock-free.</summary>
public sealed class SpoolIdGenerator(TimeProvider time)
{
    private long _last;

    /// <summary>Never go below an id recovered from the spool (clock steps back across a restart).</summary>
    public void Observe(SpoolId id)
    {
        long seen;
        do { seen = Volatile.Read(ref _last); if (id.Value <= seen) return; }
        while (Interlocked.CompareExchange(ref _last, id.Value, seen) != seen);
    }

    /// <summary>
    /// A new id, greater than every id handed out or observed before, from the current time (several per millisecond
    /// use the sequence bits).
    /// </summary>
    public SpoolId Next()
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var candidate = Math.Max(last + 1, time.GetUtcNow().ToUnixTimeMilliseconds() << 20);
            if (Interlocked.CompareExchange(ref _last, candidate, last) == last) return new SpoolId(candidate);
        }
    }
}
