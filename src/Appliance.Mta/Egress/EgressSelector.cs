using System.Collections.Concurrent;

namespace Appliance.Mta.Egress;

/// <summary>
/// Picks the egress source for a due item: the pool comes from the tenant's stream (<see cref="EgressPlan.PoolFor"/>),
/// the member by smooth weighted round robin (nginx), so each source gets exactly its weight's share. A member at its
/// warmup cap is skipped when the plan overflows to warm sources; otherwise the item waits for the next day. In a
/// cluster (<see cref="EgressPlan.LocalNode"/> set) only the members this node owns or nobody owns are candidates: a
/// node never binds another node's address; a pool without such a member makes the item wait
/// (<see cref="NoLocalSourceRetry"/>).
/// </summary>
public sealed class EgressSelector(EgressConfiguration configuration, WarmupLimiter warmup, TimeProvider? time = null)
{
    /// <summary>
    /// How long an item waits when its pool has no source on this node before it is looked at again: 5 minutes, the
    /// order of a first SMTP retry (RFC 5321 §4.5.4.1 asks for at least 30 minutes between attempts to one host; this is
    /// no attempt, only a re-check, so it can be shorter), so a source added to the pool or an owner change takes effect
    /// soon without spinning.
    /// </summary>
    public static readonly TimeSpan NoLocalSourceRetry = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, PoolCursor> _cursors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The live plan the selector reads on each call.</summary>
    public EgressConfiguration Configuration => configuration;

    /// <summary>The warmup caps and daily counters consulted and fed by each selection.</summary>
    public WarmupLimiter Warmup => warmup;

    /// <summary>
    /// Picks the source for <paramref name="recipients"/> recipients of <paramref name="tenantId"/>'s <paramref
    /// name="stream"/> (null: transactional) towards <paramref name="provider"/> (null: no provider cap applies) and
    /// counts them against the source's warmup cap; a Wait result when the pool has no room left today.
    /// </summary>
    public EgressSelection Select(string tenantId, string? stream, string? provider, int recipients)
    {
        var plan = configuration.Plan;
        var poolName = plan.PoolFor(tenantId, stream);
        var pool = plan.Pools.FirstOrDefault(p => string.Equals(p.Name, poolName, StringComparison.OrdinalIgnoreCase))
            ?? plan.Pools[0];
        var cursor = _cursors.AddOrUpdate(pool.Name, _ => new PoolCursor(pool), (_, c) => c.Pool == pool ? c : new PoolCursor(pool));
        Func<EgressPoolMember, bool> local = plan.LocalNode is null ? static _ => true : m => plan.IsLocal(m.Source);
        if (cursor.Next(local) is not { } chosen) return EgressSelection.NotOnThisNode(pool.Name, plan.LocalNode!, _time.GetUtcNow() + NoLocalSourceRetry);
        if (!warmup.HasRoom(chosen.Source, provider, recipients))
        {
            if (plan.Overflow == WarmupOverflow.Wait) return EgressSelection.Wait(pool.Name, warmup.NextDay);
            var other = cursor.Next(m => local(m) && warmup.HasRoom(m.Source, provider, recipients));
            if (other is null) return EgressSelection.Wait(pool.Name, warmup.NextDay);
            chosen = other;
        }
        warmup.RecordSent(chosen.Source, provider, recipients);
        var source = configuration.Source(chosen.Source) ?? new EgressSource(chosen.Source);
        return EgressSelection.Use(source, pool.Name);
    }

    /// <summary>Smooth weighted round robin state for one pool (reset when the pool changes).</summary>
    private sealed class PoolCursor(EgressPool pool)
    {
        private readonly int[] _current = new int[pool.Members.Count];
        private readonly Lock _lock = new();

        public EgressPool Pool { get; } = pool;

        public EgressPoolMember? Next(Func<EgressPoolMember, bool> eligible)
        {
            lock (_lock)
            {
                var total = 0;
                var best = -1;
                for (var i = 0; i < Pool.Members.Count; i++)
                {
                    if (!eligible(Pool.Members[i])) continue;
                    _current[i] += Pool.Members[i].Weight;
                    total += Pool.Members[i].Weight;
                    if (best < 0 || _current[i] > _current[best]) best = i;
                }
                if (best < 0) return null;
                _current[best] -= total;
                return Pool.Members[best];
            }
        }
    }
}
