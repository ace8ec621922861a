namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// One day of an attachment's timeline: the plan's nominal cap for that day (null = full), the actual volume (null for
/// days still to come) and the day's bounce and complaint rates (fractions).
/// </summary>
public sealed record WarmupTimelinePoint(DateOnly Day, int PlanDay, long? Planned, long? Actual, long Delivered, long Bounced, long Complaints,
    double BounceRate, double ComplaintRate);
