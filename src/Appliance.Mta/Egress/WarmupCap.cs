namespace Appliance.Mta.Egress;

/// <summary>
/// Today's warmup limit for a source: recipients per UTC day, for all destinations (null <see cref="Provider"/>) or only
/// for one provider (the name of the shaping rule that matched the destination site, e.g. "gmail").
/// </summary>
public sealed record WarmupCap(string Source, string? Provider, long DailyLimit);
