namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// A plan attached to an egress source, for all destinations or one provider (table WarmupAttachments), with its
/// progress (<see cref="PlanDay"/> as of <see cref="PlanDayDate"/>), state and hold thresholds (fractions, 0.05 = 5 %).
/// </summary>
public sealed class WarmupAttachmentRecord
{
    public int Id { get; set; }
    public required string Source { get; set; }
    /// <summary>A shipped provider rule name ("gmail"), or null for all destinations.</summary>
    public string? Provider { get; set; }
    public int PlanId { get; set; }
    public DateOnly StartDate { get; set; }
    public WarmupState State { get; set; }
    /// <summary>The 1-based plan day in force on <see cref="PlanDayDate"/>.</summary>
    public int PlanDay { get; set; } = 1;
    public DateOnly PlanDayDate { get; set; }
    /// <summary>The UTC day of the last automatic (or manual) hold.</summary>
    public DateOnly? HeldOn { get; set; }
    public string? HoldReason { get; set; }
    /// <summary>The cap of the first day after a hold (50 % of the volume before it), used on <see cref="ResumeDay"/>.</summary>
    public long? ResumeCap { get; set; }
    public DateOnly? ResumeDay { get; set; }
    public double BounceHold { get; set; } = 0.05;
    public double ComplaintHold { get; set; } = 0.005;
    public double BounceWarning { get; set; } = 0.02;
    public double ComplaintWarning { get; set; } = 0.001;
    public DateTimeOffset UpdatedAt { get; set; }
}
