namespace Appliance.Mta.Shaping;

/// <summary>
/// The single-node <see cref="IConnectionLeases"/>: every lease is granted at once, because the ready queue's
/// connection counter (<see cref="Delivery.ReadyQueue.TryAddConnection"/>) already holds this node to the limit.
/// </summary>
public sealed class LocalConnectionLeases : IConnectionLeases
{
    /// <inheritdoc />
    public ValueTask<IConnectionLease?> TryAcquireAsync(string key, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IConnectionLease?>(NoLease.Instance);

    /// <summary>A lease with nothing to give back.</summary>
    private sealed class NoLease : IConnectionLease
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
