namespace Appliance.Mta.Egress;

/// <summary>
/// The outcome of picking a source for an item: the source and its pool, or — when every candidate is at its warmup cap
/// and the plan says wait — the time to try again.
/// </summary>
public sealed record EgressSelection(EgressSource? Source, string Pool, DateTimeOffset? WaitUntil)
{
    /// <summary>Send from <paramref name="source"/>, a member of <paramref name="pool"/>.</summary>
    public static EgressSelection Use(EgressSource source, string pool) => new(source, pool, null);

    /// <summary>
    /// Every candidate of <paramref name="pool"/> is at its warmup cap: try again at <paramref name="until"/> (the next
    /// UTC day).
    /// </summary>
    public static EgressSelection Wait(string pool, DateTimeOffset until) => new(null, pool, until);
}
