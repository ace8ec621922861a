using Appliance.Mta.Shaping;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// Runs the cluster limits on a node: subscribes the backoff tracker to the other nodes' backoffs, then probes Redis
/// every <see cref="ClusterOptions.ProbeInterval"/> (node count for the fallback, healing after an outage).
/// </summary>
public sealed class ClusterLimitsService(ClusterLimitsConnection redis, RedisBackoffStore backoffs, BackoffTracker tracker, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.ProbeAsync().ConfigureAwait(false);
        await backoffs.StartAsync(tracker).ConfigureAwait(false);
        using var timer = new PeriodicTimer(redis.Options.ProbeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await redis.ProbeAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
