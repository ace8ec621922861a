using System.Text.Json;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Notices over Redis pub/sub (channel <c>{prefix}:settings</c>, <see cref="ClusterOptions.KeyPrefix"/>). Pub/sub is fire-and-forget: a node that is
/// disconnected misses notices and catches up from the database versions (<see cref="ClusterSettingsSync"/>).
/// </summary>
public sealed class RedisClusterNotices(ClusterRedis redis, ILogger<RedisClusterNotices> logger) : IClusterNotices
{
    /// <summary>The notice channel under the configured key prefix.</summary>
    public RedisChannel Channel { get; } = RedisChannel.Literal($"{redis.Options.KeyPrefix}:settings");

    public async Task PublishAsync(ClusterNotice notice, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.Connection.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(notice));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            ClusterLog.NoticeNotSent(logger, notice.Area.ToString(), ex.Message);
        }
    }

    public IDisposable Subscribe(Action<ClusterNotice> handler)
    {
        var subscriber = redis.Connection.GetSubscriber();
        void OnMessage(RedisChannel _, RedisValue value)
        {
            ClusterNotice? notice;
            try
            {
                notice = JsonSerializer.Deserialize<ClusterNotice>(value.ToString());
            }
            catch (JsonException)
            {
                return;
            }
            if (notice is not null) handler(notice);
        }
        // Fire-and-forget: the handler is registered with the multiplexer at once and the SUBSCRIBE goes out when Redis
        // answers (StackExchange.Redis re-subscribes after every reconnect). Waiting here would throw while Redis is
        // away at start, and a node must start and keep polling the versions without it.
        subscriber.Subscribe(Channel, OnMessage, CommandFlags.FireAndForget);
        return new Unsubscribe(() => subscriber.Unsubscribe(Channel, OnMessage, CommandFlags.FireAndForget));
    }

    private sealed class Unsubscribe(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
