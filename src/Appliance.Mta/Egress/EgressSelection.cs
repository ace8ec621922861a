namespace Appliance.Mta.Egress;

/// <summary>
/// The outcome of picking a source for an item: the source and its pool, or — when every candidate is at its warmup cap
/// and the plan says wait — the time to try again.
/// </summary>
public sealed record EgressSelection(EgressSource? Source, string Pool, DateTimeOffset? WaitUntil)
{
    public static EgressSelection Use(EgressSource source, string pool) => new(source, pool, null);

    public static EgressSelection Wait(string pool, DateTimeOffset until) => new(null, pool, until);
}
