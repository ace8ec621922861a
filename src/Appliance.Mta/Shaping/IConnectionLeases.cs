namespace Appliance.Mta.Shaping;

/// <summary>
/// Where connection slots are counted beyond this node: "lease a connection slot for <c>key</c>, limit L". The ready
/// queue's own counter always bounds this node's connections; the default (<see cref="LocalConnectionLeases"/>)
/// grants every lease, so a single node behaves as it always did. A cluster host supplies leases shared by every node
/// (sorted-set members with an expiry in Redis), so the limit holds across the cluster.
/// </summary>
/// <remarks>Implementations never throw for an unreachable back end; they fall back to a local answer.</remarks>
public interface IConnectionLeases
{
    /// <summary>A lease when fewer than <paramref name="limit"/> are held for <paramref name="key"/>; null when the limit is reached.</summary>
    ValueTask<IConnectionLease?> TryAcquireAsync(string key, int limit, CancellationToken cancellationToken);
}
