using System.Text.Json;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Nodes;

/// <summary>
/// The registry in Redis: one key per node (<c>{prefix}:node:{name}</c>, the JSON <see cref="NodeInfo"/>) that
/// expires unless heartbeats renew it, plus the set <c>{prefix}:nodes</c> of names (pruned of expired ones on read).
/// The prefix is <see cref="ClusterOptions.KeyPrefix"/>.
/// </summary>
public sealed class RedisNodeRegistry(ClusterRedis redis) : INodeRegistry
{
    /// <summary>The set of node names.</summary>
    public RedisKey Names => $"{redis.Options.KeyPrefix}:nodes";

    /// <summary>One node's entry.</summary>
    public RedisKey KeyOf(string node) => redis.Options.Key("node", node);

    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// The live nodes, failing when Redis does not answer (the limits' probe tells "no node seen" from "Redis away"
    /// with it).
    /// </summary>
    public async Task<IReadOnlyList<NodeInfo>> ReadAsync()
    {
        var db = redis.Connection.GetDatabase();
        var names = (await db.SetMembersAsync(Names).ConfigureAwait(false)).Select(n => n.ToString()).Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0) return [];
        var values = await db.StringGetAsync([.. names.Select(KeyOf)]).ConfigureAwait(false);
        var nodes = new List<NodeInfo>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            if (values[i].IsNullOrEmpty)
            {
                await db.SetRemoveAsync(Names, names[i]).ConfigureAwait(false);
                continue;
            }
            if (Parse(values[i].ToString()) is { } node) nodes.Add(node);
        }
        return nodes;
    }

    private static NodeInfo? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<NodeInfo>(json);
        }
        catch (JsonException)
        {
            return null; // not ours (another version's entry): skipped, it expires on its own
        }
    }

    /// <summary>Writes (renews) one node's entry with its expiry.</summary>
    public async Task WriteAsync(NodeInfo node, TimeSpan expiry)
    {
        ArgumentNullException.ThrowIfNull(node);
        var db = redis.Connection.GetDatabase();
        await db.StringSetAsync(KeyOf(node.Name), JsonSerializer.Serialize(node), expiry).ConfigureAwait(false);
        await db.SetAddAsync(Names, node.Name).ConfigureAwait(false);
    }

    /// <summary>Removes a node's entry at once (clean shutdown).</summary>
    public async Task RemoveAsync(string node)
    {
        var db = redis.Connection.GetDatabase();
        await db.KeyDeleteAsync(KeyOf(node)).ConfigureAwait(false);
        await db.SetRemoveAsync(Names, node).ConfigureAwait(false);
    }
}
