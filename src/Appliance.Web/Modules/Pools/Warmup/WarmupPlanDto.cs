namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>A warmup plan: ordered steps (day ranges → daily cap, null = full). Templates are read-only.</summary>
public sealed record WarmupPlanDto(int Id, string Name, bool Template, IReadOnlyList<WarmupStep> Steps);
