namespace Appliance.Mta.Shaping;

/// <summary>The single-node <see cref="IBackoffStore"/>: backoffs stay in this node's <see cref="BackoffTracker"/>.</summary>
public sealed class LocalBackoffStore : IBackoffStore
{
    /// <summary>The one instance (it holds nothing).</summary>
    public static readonly LocalBackoffStore Instance = new();

    /// <inheritdoc />
    public void Publish(ActiveBackoff backoff)
    {
    }

    /// <inheritdoc />
    public void PublishCleared(string rule, string key)
    {
    }
}
