using System.Text.Json;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// The registry in Redis: one key per node (<c>appliance:node:{name}</c>, the JSON <see cref="NodeInfo"/>) that
/// expires unless heartbeats renew it, plus the set <c>appliance:nodes</c> of names (pruned of expired ones on read).
/// </summary>
public sealed class RedisNodeRegistry(ClusterRedis redis) : INodeRegistry
{
    public static readonly RedisKey Names = "appliance:nodes";

    public static RedisKey KeyOf(string node) => "appliance:node:" + node;

    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var db = redis.Connection.GetDatabase();
            var names = (await db.SetMembersAsync(Names)).Select(n => n.ToString()).Order(StringComparer.Ordinal).ToArray();
            if (names.Length == 0) return [];
            var values = await db.StringGetAsync([.. names.Select(KeyOf)]);
            var nodes = new List<NodeInfo>(names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                if (values[i].IsNullOrEmpty)
                {
                    await db.SetRemoveAsync(Names, names[i]);
                    continue;
                }
                if (JsonSerializer.Deserialize<NodeInfo>(values[i].ToString()) is { } node) nodes.Add(node);
            }
            return nodes;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Writes (renews) one node's entry with its expiry.</summary>
    public async Task WriteAsync(NodeInfo node, TimeSpan expiry)
    {
        var db = redis.Connection.GetDatabase();
        await db.StringSetAsync(KeyOf(node.Name), JsonSerializer.Serialize(node), expiry);
        await db.SetAddAsync(Names, node.Name);
    }

    /// <summary>Removes a node's entry at once (clean shutdown).</summary>
    public async Task RemoveAsync(string node)
    {
        var db = redis.Connection.GetDatabase();
        await db.KeyDeleteAsync(KeyOf(node));
        await db.SetRemoveAsync(Names, node);
    }
}
