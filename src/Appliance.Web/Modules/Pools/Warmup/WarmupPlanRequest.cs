namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Body of POST /api/v1/warmup/plans and PUT /api/v1/warmup/plans/{id}.</summary>
public sealed record WarmupPlanRequest(string? Name, IReadOnlyList<WarmupStep>? Steps);
