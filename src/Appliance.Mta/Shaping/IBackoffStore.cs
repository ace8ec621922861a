namespace Appliance.Mta.Shaping;

/// <summary>
/// Tells the other nodes of a cluster about backoffs: <see cref="BackoffTracker"/> publishes each backoff it fires and
/// each one an admin ends; the host's implementation delivers other nodes' backoffs back through
/// <see cref="BackoffTracker.Apply"/> and <see cref="BackoffTracker.Remove"/>. The default
/// (<see cref="LocalBackoffStore"/>) tells no one: a single node has no one to tell.
/// </summary>
/// <remarks>Publishing never blocks delivery and never throws; a backoff that could not be shared still holds locally.</remarks>
public interface IBackoffStore
{
    /// <summary>Shares a backoff this node fired, for its scope and until it expires.</summary>
    void Publish(ActiveBackoff backoff);

    /// <summary>Shares the early end of a backoff (admin action).</summary>
    void PublishCleared(string rule, string key);
}
