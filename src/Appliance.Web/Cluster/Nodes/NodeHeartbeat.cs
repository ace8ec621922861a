using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// Writes this node's <see cref="NodeInfo"/> to the registry every <see cref="ClusterOptions.HeartbeatInterval"/>
/// with an expiry of <see cref="ClusterOptions.HeartbeatExpiry"/>: a killed node drops out on its own; a stopped one
/// removes its entry. While Redis is unreachable the heartbeat logs once and keeps trying.
/// </summary>
public sealed class NodeHeartbeat(RedisNodeRegistry registry, LocalNode local, IOptions<ClusterOptions> options, TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // connecting to Redis must not hold up the host's start
        var failing = false;
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        do
        {
            try
            {
                await registry.WriteAsync(await local.CurrentAsync(stoppingToken), options.Value.HeartbeatExpiry);
                failing = false;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (!failing) ClusterLog.HeartbeatFailed(logger, ex.Message);
                failing = true;
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.RemoveAsync(options.Value.EffectiveNodeName);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // it expires on its own
        }
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
