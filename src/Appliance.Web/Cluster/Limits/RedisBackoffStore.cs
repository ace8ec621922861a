using System.Text.Json;
using Appliance.Mta.Shaping;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Limits;

/// <summary>
/// Backoffs shared by every node: a fired backoff is a key <c>{prefix}:backoff:{rule}|{key}</c> living until the
/// backoff expires, plus a notice on the channel <c>{prefix}:backoffs</c> so the other nodes apply it at once. A node
/// that starts, or whose Redis comes back, reads the keys in force (<see cref="CatchUpAsync"/>) and republishes the
/// backoffs it fired meanwhile.
/// </summary>
public sealed class RedisBackoffStore(ClusterLimitsConnection redis, TimeProvider time, ILogger<RedisBackoffStore> logger) : IBackoffStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private BackoffTracker? _tracker;

    private RedisChannel Channel => RedisChannel.Literal(redis.Key("backoffs", "notices"));

    /// <inheritdoc />
    public void Publish(ActiveBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        if (redis.TryShared()) _ = PublishAsync(backoff);
    }

    /// <inheritdoc />
    public void PublishCleared(string rule, string key)
    {
        if (redis.TryShared()) _ = PublishClearedAsync(rule, key);
    }

    /// <summary>Starts applying other nodes' backoffs to <paramref name="tracker"/>, beginning with those in force now.</summary>
    public async Task StartAsync(BackoffTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
        redis.Restored += () => _ = ResyncAsync();
        try
        {
            await redis.Subscriber.SubscribeAsync(Channel, (_, message) => Receive(message)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            redis.Failed(ex); // StackExchange.Redis subscribes again when the connection comes back
        }
        await CatchUpAsync().ConfigureAwait(false);
    }

    /// <summary>Applies every shared backoff in force (keys with time to live left) to the tracker.</summary>
    public async Task CatchUpAsync()
    {
        if (_tracker is not { } tracker || !redis.TryShared()) return;
        try
        {
            var keys = new List<RedisKey>();
            foreach (var server in redis.Database.Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica))
                await foreach (var key in server.KeysAsync(redis.Database.Database, redis.Key("backoff", "*")).ConfigureAwait(false)) keys.Add(key);
            if (keys.Count == 0) return;
            foreach (var value in await redis.Database.StringGetAsync([.. keys]).ConfigureAwait(false))
            {
                if (value.IsNullOrEmpty) continue;
                if (Read(value.ToString()) is { Backoff: { } backoff }) tracker.Apply(backoff);
            }
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            redis.Failed(ex);
        }
    }

    private async Task ResyncAsync()
    {
        if (_tracker is not { } tracker) return;
        foreach (var backoff in tracker.Active()) await PublishAsync(backoff).ConfigureAwait(false);
        await CatchUpAsync().ConfigureAwait(false);
    }

    private async Task PublishAsync(ActiveBackoff backoff)
    {
        var ttl = backoff.Until - time.GetUtcNow();
        if (ttl <= TimeSpan.Zero) return;
        var json = JsonSerializer.Serialize(new BackoffNotice(redis.NodeName, backoff), Json);
        try
        {
            await redis.Database.StringSetAsync(redis.Key("backoff", $"{backoff.Rule}|{backoff.Key}"), json, ttl).ConfigureAwait(false);
            await redis.Database.PublishAsync(Channel, json).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            redis.Failed(ex); // still in force here; republished when Redis is back
        }
    }

    private async Task PublishClearedAsync(string rule, string key)
    {
        var json = JsonSerializer.Serialize(new BackoffNotice(redis.NodeName, null, rule, key), Json);
        try
        {
            await redis.Database.KeyDeleteAsync(redis.Key("backoff", $"{rule}|{key}")).ConfigureAwait(false);
            await redis.Database.PublishAsync(Channel, json).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            redis.Failed(ex);
        }
    }

    private void Receive(RedisValue message)
    {
        if (_tracker is not { } tracker || Read(message.ToString()) is not { } notice || notice.Node == redis.NodeName) return;
        if (notice.Backoff is { } backoff) tracker.Apply(backoff);
        else if (notice is { Rule: { } rule, Key: { } key }) tracker.Remove(rule, key);
    }

    private BackoffNotice? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BackoffNotice>(json, Json);
        }
        catch (JsonException ex)
        {
            ClusterLimitsLog.BadNotice(logger, json.Length > 200 ? json[..200] : json, ex);
            return null;
        }
    }
}
