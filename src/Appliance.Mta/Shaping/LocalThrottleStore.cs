using System.Collections.Concurrent;

namespace Appliance.Mta.Shaping;

/// <summary>
/// The in-process <see cref="IThrottleStore"/>: one <see cref="RateGate"/> per key (a ready queue's name), on the
/// injected clock. This is the single-node behaviour and a cluster node's fallback while the shared store is away.
/// </summary>
public sealed class LocalThrottleStore(TimeProvider time) : IThrottleStore
{
    private readonly ConcurrentDictionary<string, RateGate> _gates = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<TimeSpan> ReserveAsync(string key, MessageRate rate, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Reserve(key, rate));

    /// <summary>The synchronous reservation (the local answer never waits for I/O).</summary>
    public TimeSpan Reserve(string key, MessageRate rate) =>
        _gates.GetOrAdd(key, static _ => new RateGate()).Reserve(rate, time.GetUtcNow());
}
