namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Reads a plan's steps: the cap of a plan day, the step it belongs to, and whether the steps make a plan.</summary>
public static class WarmupSchedule
{
    /// <summary>Index of the step holding <paramref name="planDay"/>, or -1 past the last step.</summary>
    public static int StepIndex(IReadOnlyList<WarmupStep> steps, int planDay)
    {
        for (var i = 0; i < steps.Count; i++)
            if (planDay >= steps[i].FromDay && planDay <= steps[i].ToDay) return i;
        return planDay < 1 && steps.Count > 0 ? 0 : -1;
    }

    /// <summary>The day's cap; null when the day is in a "full" step or past the plan (no cap any more).</summary>
    public static long? Cap(IReadOnlyList<WarmupStep> steps, int planDay) =>
        StepIndex(steps, planDay) is var i and >= 0 ? steps[i].DailyCap : null;

    /// <summary>True when the plan day no longer has a cap: the warmup is complete.</summary>
    public static bool IsComplete(IReadOnlyList<WarmupStep> steps, int planDay) => Cap(steps, planDay) is null;

    /// <summary>The first day of the step before the one holding <paramref name="planDay"/> (day 1 in the first step).</summary>
    public static int StepBack(IReadOnlyList<WarmupStep> steps, int planDay)
    {
        var i = StepIndex(steps, planDay);
        if (i < 0) i = steps.Count - 1;
        return steps[Math.Max(0, i - 1)].FromDay;
    }

    public static int Length(IReadOnlyList<WarmupStep> steps) => steps.Count == 0 ? 0 : steps[^1].ToDay;

    public static IReadOnlyList<string> Validate(IReadOnlyList<WarmupStep>? steps)
    {
        var errors = new List<string>();
        if (steps is null || steps.Count == 0) return ["A plan needs at least one step."];
        var expected = 1;
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s.FromDay != expected) errors.Add($"Step {i + 1} must start on day {expected} (steps are consecutive day ranges starting at day 1).");
            if (s.ToDay < s.FromDay) errors.Add($"Step {i + 1} ends (day {s.ToDay}) before it starts (day {s.FromDay}).");
            if (s.DailyCap is <= 0) errors.Add($"Step {i + 1}: the daily cap must be greater than zero, or empty for full.");
            if (s.DailyCap is null && i != steps.Count - 1) errors.Add($"Step {i + 1} is full (no cap), so it must be the last step.");
            expected = s.ToDay + 1;
        }
        if (steps.Count > 200 || steps[^1].ToDay > 3650) errors.Add("A plan has at most 200 steps over 10 years.");
        return errors;
    }
}
