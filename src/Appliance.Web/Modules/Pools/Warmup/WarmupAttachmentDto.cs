namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// An attachment with its progress and today's figures: the cap in force (null = none), what was sent, the day's
/// rates and their health ("ok", "warning" inside the warning band, "hold").
/// </summary>
public sealed record WarmupAttachmentDto(int Id, string Source, string? Provider, int PlanId, string PlanName, DateOnly StartDate, string State,
    int PlanDay, long? TodayCap, long SentToday, double BounceRateToday, double ComplaintRateToday, string Health,
    DateOnly? HeldOn, string? HoldReason, long? ResumeCap, DateOnly? ResumeDay,
    double BounceHold, double ComplaintHold, double BounceWarning, double ComplaintWarning);
