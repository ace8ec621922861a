namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Plan days <see cref="FromDay"/>..<see cref="ToDay"/> (1-based, inclusive) allow <see cref="DailyCap"/> recipients a day; null = full (no cap).</summary>
public sealed record WarmupStep(int FromDay, int ToDay, long? DailyCap);
