using System.Globalization;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// The warmup rules, as pure functions over an attachment (no clock, no database), so they are tested with synthetic
/// days and volumes.
/// <list type="bullet">
/// <item>Progress: the plan day advances by one per UTC day while Active, starting at day 1 on the start date.</item>
/// <item>Cap: the plan day's step cap; before the start date 0 (a source is not used before its warmup begins); none once
/// Completed (a "full" step or past the plan).</item>
/// <item>Hold: when the day's reputation bounce rate (reputation bounces / finished; list-hygiene bounces such as
/// invalid recipients are not counted, issue 17) passes the bounce threshold or its complaint rate
/// (complaints / delivered) passes the complaint threshold, with at least the minimum sample of finished recipients, the
/// attachment is Held for the rest of that UTC day (nothing more is sent), the plan day steps back to the first day of the
/// previous step, and the resume cap is set to 50 % (the resume factor) of the volume in force at the hold: the day's cap,
/// or what was sent that day when it had no cap.</item>
/// <item>Resume: on the next UTC day the attachment is Active again. That first day's cap is min(resume cap, cap of the
/// stepped-back plan day); from the day after, the plan continues from the stepped-back day, one day per day.</item>
/// </list>
/// </summary>
public static class WarmupProgression
{
    public const double ResumeFactor = 0.5;

    /// <summary>Moves the attachment to <paramref name="today"/>: advances plan days, ends a hold, completes the plan.</summary>
    public static void Advance(WarmupAttachmentRecord a, IReadOnlyList<WarmupStep> steps, DateOnly today)
    {
        if (today < a.StartDate || a.State == WarmupState.Completed) return;
        if (a.PlanDayDate < a.StartDate)
        {
            a.PlanDay = 1;
            a.PlanDayDate = a.StartDate;
        }
        while (a.PlanDayDate < today)
        {
            var next = a.PlanDayDate.AddDays(1);
            if (a.State == WarmupState.Held)
            {
                a.State = WarmupState.Active;
                a.ResumeDay = next;
            }
            else a.PlanDay++;
            a.PlanDayDate = next;
        }
        if (a.State == WarmupState.Active && WarmupSchedule.IsComplete(steps, a.PlanDay)) a.State = WarmupState.Completed;
    }

    /// <summary>Today's cap: null = no cap; 0 = send nothing (not started yet, or held).</summary>
    public static long? Cap(WarmupAttachmentRecord a, IReadOnlyList<WarmupStep> steps, DateOnly today)
    {
        if (today < a.StartDate) return 0;
        switch (a.State)
        {
            case WarmupState.Completed: return null;
            case WarmupState.Held: return 0;
        }
        var cap = WarmupSchedule.Cap(steps, a.PlanDay);
        if (a.ResumeDay == today && a.ResumeCap is { } resume) return cap is { } c ? Math.Min(c, resume) : resume;
        return cap;
    }

    /// <summary>Holds the attachment when the day's rates pass its thresholds; returns the reason, or null when it goes on.</summary>
    public static string? Evaluate(WarmupAttachmentRecord a, IReadOnlyList<WarmupStep> steps, DateOnly today, WarmupDayRecord? day, long minimumSample)
    {
        if (a.State != WarmupState.Active || today < a.StartDate || day is null || day.Finished < Math.Max(1, minimumSample)) return null;
        string? reason = null;
        if (day.BounceRate > a.BounceHold) reason = $"bounce rate {Percent(day.BounceRate)} passed {Percent(a.BounceHold)}";
        else if (day.ComplaintRate > a.ComplaintHold) reason = $"complaint rate {Percent(day.ComplaintRate)} passed {Percent(a.ComplaintHold)}";
        if (reason is null) return null;
        Hold(a, steps, today, day.Sent, reason);
        return reason;
    }

    /// <summary>Holds for the rest of the day and steps back one step; the next day resumes at 50 % of the volume in force.</summary>
    public static void Hold(WarmupAttachmentRecord a, IReadOnlyList<WarmupStep> steps, DateOnly today, long sentToday, string reason)
    {
        var inForce = Cap(a, steps, today) ?? sentToday;
        a.ResumeCap = Math.Max(1, (long)Math.Floor(inForce * ResumeFactor));
        a.PlanDay = WarmupSchedule.StepBack(steps, a.PlanDay);
        a.PlanDayDate = today;
        a.State = WarmupState.Held;
        a.HeldOn = today;
        a.HoldReason = reason;
        a.ResumeDay = null;
    }

    /// <summary>"hold", "warning" (inside the warning band) or "ok" for a day's rates against the attachment's thresholds.</summary>
    public static string Health(WarmupAttachmentRecord a, WarmupDayRecord? day)
    {
        if (day is null) return "ok";
        if (day.BounceRate > a.BounceHold || day.ComplaintRate > a.ComplaintHold) return "hold";
        if (day.BounceRate >= a.BounceWarning || day.ComplaintRate >= a.ComplaintWarning) return "warning";
        return "ok";
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
