namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// Body of POST /api/v1/warmup/attachments (and PUT /{id}): a plan on an egress source, optionally for one provider
/// (a shipped provider rule name), from a start date (default today), with hold thresholds as fractions (0.05 = 5 %).
/// </summary>
public sealed record WarmupAttachmentRequest(string? Source, string? Provider, int? PlanId, DateOnly? StartDate,
    double? BounceHold = null, double? ComplaintHold = null, double? BounceWarning = null, double? ComplaintWarning = null);
