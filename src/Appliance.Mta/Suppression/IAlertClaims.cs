namespace Appliance.Mta.Suppression;

/// <summary>
/// Decides which node raises an alert that every node of a cluster judges from the same shared figures (the
/// cluster-wide complaint rates): the engine asks, the host answers. A single node claims every transition
/// (<see cref="LocalAlertClaims"/>); in cluster mode the host claims it once for the cluster in Redis.
/// </summary>
public interface IAlertClaims
{
    /// <summary>
    /// Claims the move of <paramref name="key"/> (e.g. "complaint-rate:tenant:x") into <paramref name="state"/>
    /// ("over", "under"). True: this node is the first to see it and raises the alert; false: another node already has.
    /// An answer that cannot be had (the shared store away) is true: a repeated alert beats a lost one.
    /// </summary>
    ValueTask<bool> TryClaimAsync(string key, string state, CancellationToken cancellationToken);
}
