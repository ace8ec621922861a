namespace Appliance.Mta.Egress;

/// <summary>
/// The whole egress configuration the host hands the engine: sources, pools, which pool each tenant's stream uses,
/// the pool for everything unassigned, and what to do when a warming source is full. Immutable; the host replaces it.
/// </summary>
public sealed record EgressPlan
{
    /// <summary>Name of the source and pool that exist before anything is configured.</summary>
    public const string DefaultName = "default";

    /// <summary>The sending identities (local IP, EHLO name), each named once.</summary>
    public IReadOnlyList<EgressSource> Sources { get; init; } = [new(DefaultName)];
    /// <summary>Weighted groups of sources; items are spread over a pool's members by weight.</summary>
    public IReadOnlyList<EgressPool> Pools { get; init; } = [new(DefaultName, [new EgressPoolMember(DefaultName)])];
    /// <summary>
    /// Which pool a tenant's stream uses; the most specific match wins (<see cref="PoolFor"/>). Empty: everything uses
    /// <see cref="DefaultPool"/>.
    /// </summary>
    public IReadOnlyList<PoolAssignment> Assignments { get; init; } = [];
    /// <summary>The pool for items no assignment matches.</summary>
    public string DefaultPool { get; init; } = DefaultName;
    /// <summary>What happens to an item whose chosen source has reached its warmup cap for the day.</summary>
    public WarmupOverflow Overflow { get; init; } = WarmupOverflow.WarmSources;

    /// <summary>When false (the default), a source reachable from both streams' pools is a configuration error.</summary>
    public bool AllowSharedStreams { get; init; }

    /// <summary>
    /// The cluster node this plan runs on (<c>Appliance:Cluster:NodeName</c>); null outside a cluster, where every
    /// source is local whatever its <see cref="EgressSource.Node"/> says. In a cluster a node sends only from the
    /// sources it owns and the unowned ones (<see cref="IsLocal"/>): an address lives on one host (issue 19,
    /// "node-local, as in KumoMTA").
    /// </summary>
    public string? LocalNode { get; init; }

    /// <summary>One source, one pool, no assignments: the engine before any pool is configured.</summary>
    public static EgressPlan Default { get; } = new();

    /// <summary>Every problem with the plan, in words an admin can act on; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Sources)
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add("An egress source has no name.");
            else if (!sources.Add(s.Name)) errors.Add($"Egress source '{s.Name}' is defined twice.");
        var pools = new Dictionary<string, EgressPool>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in Pools)
        {
            if (string.IsNullOrWhiteSpace(p.Name)) { errors.Add("A pool has no name."); continue; }
            if (!pools.TryAdd(p.Name, p)) errors.Add($"Pool '{p.Name}' is defined twice.");
            if (p.Members.Count == 0) errors.Add($"Pool '{p.Name}' has no members.");
            foreach (var m in p.Members)
            {
                if (!sources.Contains(m.Source)) errors.Add($"Pool '{p.Name}' names unknown egress source '{m.Source}'.");
                if (m.Weight <= 0) errors.Add($"Pool '{p.Name}': the weight of '{m.Source}' must be greater than zero.");
            }
        }
        if (!pools.ContainsKey(DefaultPool)) errors.Add($"The default pool '{DefaultPool}' does not exist.");
        foreach (var a in Assignments)
        {
            if (!pools.ContainsKey(a.Pool)) errors.Add($"An assignment names unknown pool '{a.Pool}'.");
            if (!EgressStreams.IsValid(a.Stream)) errors.Add($"Unknown stream '{a.Stream}' (use transactional or marketing).");
        }
        if (errors.Count == 0 && !AllowSharedStreams) errors.AddRange(SharedStreamErrors(pools));
        return errors;
    }

    /// <summary>The pool for a tenant's stream: the most specific assignment, else the default pool.</summary>
    public string PoolFor(string tenantId, string? stream)
    {
        var s = EgressStreams.Of(stream);
        PoolAssignment? best = null;
        var bestScore = -1;
        foreach (var a in Assignments)
        {
            var tenantMatch = a.TenantId is null || string.Equals(a.TenantId, tenantId, StringComparison.Ordinal);
            var streamMatch = a.Stream is null || string.Equals(a.Stream, s, StringComparison.OrdinalIgnoreCase);
            if (!tenantMatch || !streamMatch) continue;
            var score = (a.TenantId is null ? 0 : 2) + (a.Stream is null ? 0 : 1);
            if (score > bestScore) (best, bestScore) = (a, score);
        }
        return best?.Pool ?? DefaultPool;
    }

    /// <summary>
    /// Every source a tenant's mail can leave from: the members of the pools its streams are assigned to (each
    /// stream, most specific assignment, else the default pool), each once, in plan order.
    /// </summary>
    public IReadOnlyList<EgressSource> SourcesFor(string tenantId)
    {
        var pools = EgressStreams.All.Select(s => PoolFor(tenantId, s)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = Pools.Where(p => pools.Contains(p.Name)).SelectMany(p => p.Members.Select(m => m.Source)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Sources.Where(s => names.Contains(s.Name)).ToList();
    }

    /// <summary>
    /// True when this node may send from the source named <paramref name="sourceName"/>: outside a cluster
    /// (<see cref="LocalNode"/> null) always; in a cluster when the source has no owner or this node owns it (node names
    /// compare case-insensitively). A name the plan does not define counts as unowned.
    /// </summary>
    public bool IsLocal(string sourceName)
    {
        if (LocalNode is null) return true;
        var source = Sources.FirstOrDefault(s => string.Equals(s.Name, sourceName, StringComparison.OrdinalIgnoreCase));
        return source?.Node is not { Length: > 0 } owner || string.Equals(owner, LocalNode, StringComparison.OrdinalIgnoreCase);
    }

    private IEnumerable<string> SharedStreamErrors(Dictionary<string, EgressPool> pools)
    {
        // Which pools can each stream reach? The default pool serves any stream nobody assigned explicitly.
        var tenants = Assignments.Select(a => a.TenantId).Distinct().ToList();
        var reach = EgressStreams.All.ToDictionary(s => s, _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        foreach (var stream in EgressStreams.All)
        {
            reach[stream].Add(PoolFor("\0no-tenant", stream));
            foreach (var t in tenants) if (t is not null) reach[stream].Add(PoolFor(t, stream));
        }
        var bySource = (string stream) => reach[stream].SelectMany(p => pools[p].Members.Select(m => m.Source)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shared = bySource(EgressStreams.Transactional).Intersect(bySource(EgressStreams.Marketing), StringComparer.OrdinalIgnoreCase).ToList();
        // Only once some assignment names a stream has the admin separated the streams; a plan without stream
        // assignments sends all mail through shared pools by its own choice.
        if (shared.Count > 0 && Assignments.Any(a => a.Stream is not null))
            yield return $"Transactional and marketing mail would share egress source(s) {string.Join(", ", shared)}; assign the streams to pools without common sources, or allow shared streams.";
    }
}
