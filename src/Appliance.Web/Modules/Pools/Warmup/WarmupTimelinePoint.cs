namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// One day of an attachment's timeline: the plan's nominal cap for that day (null = full), the actual volume (null for
/// days still to come), the day's reputation bounces (<see cref="Bounced"/>, <see cref="BounceRate"/>: the hold rate),
/// its list-hygiene bounces (invalid recipients and other bounces about the recipient, never a hold reason) and its
/// complaint rate (fractions).
/// </summary>
public sealed record WarmupTimelinePoint(DateOnly Day, int PlanDay, long? Planned, long? Actual, long Delivered, long Bounced, long Complaints,
    double BounceRate, double ComplaintRate, long HygieneBounced = 0, double HygieneRate = 0);
