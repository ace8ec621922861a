namespace Appliance.Mta.Egress;

/// <summary>
/// The outcome of picking a source for an item: the source and its pool, or — when every candidate is at its warmup cap
/// and the plan says wait, or (in a cluster) the pool has no source on this node — the time to try again.
/// </summary>
public sealed record EgressSelection(EgressSource? Source, string Pool, DateTimeOffset? WaitUntil, string? NoSourceOnNode = null)
{
    /// <summary>Send from <paramref name="source"/>, a member of <paramref name="pool"/>.</summary>
    public static EgressSelection Use(EgressSource source, string pool) => new(source, pool, null);

    /// <summary>
    /// Every candidate of <paramref name="pool"/> is at its warmup cap: try again at <paramref name="until"/> (the next
    /// UTC day).
    /// </summary>
    public static EgressSelection Wait(string pool, DateTimeOffset until) => new(null, pool, until);

    /// <summary>
    /// Every member of <paramref name="pool"/> is owned by another cluster node, none by <paramref name="node"/>: the
    /// item waits here until <paramref name="until"/> (the pool may have gained a local source by then, or a drain hands
    /// the item to another node).
    /// </summary>
    public static EgressSelection NotOnThisNode(string pool, string node, DateTimeOffset until) => new(null, pool, until, node);

    /// <summary>Why the item waits, in the words the queue shows (null when a source was picked).</summary>
    public string? WaitReason => Source is not null ? null
        : NoSourceOnNode is { } node ? $"Waiting: pool {Pool} has no source on node {node}"
        : $"Waiting: every source of pool {Pool} reached its warmup cap for today";
}
