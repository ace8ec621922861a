using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Warmup;

public sealed partial class WarmupService
{
    /// <summary>At most this many days are charted.</summary>
    public const int TimelineDays = 120;

    /// <summary>
    /// Planned (the plan's nominal cap for each day since the start, without holds) against actual volume, with the
    /// day's reputation bounce, list-hygiene bounce and complaint rates, from the start date to the plan's end (days to come have no actual).
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<WarmupTimelinePoint>>> TimelineAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.WarmupAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return ServiceResult<IReadOnlyList<WarmupTimelinePoint>>.NotFound($"No warmup attachment {id}.");
        var plan = await db.WarmupPlans.AsNoTracking().FirstAsync(p => p.Id == a.PlanId, ct);
        var steps = WarmupRuntime.Steps(plan);
        var today = runtime.Today;
        var last = a.StartDate.AddDays(Math.Max(WarmupSchedule.Length(steps), today.DayNumber - a.StartDate.DayNumber + 1) - 1);
        if (last.DayNumber - a.StartDate.DayNumber >= TimelineDays) last = a.StartDate.AddDays(TimelineDays - 1);
        var source = a.Source.ToLowerInvariant();
        var provider = (a.Provider ?? "").ToLowerInvariant();
        var rows = (await db.WarmupDays.AsNoTracking().Where(d => d.Source == source && d.Provider == provider && d.Day >= a.StartDate && d.Day <= last).ToListAsync(ct))
            .ToDictionary(d => d.Day);
        var points = new List<WarmupTimelinePoint>();
        for (var day = a.StartDate; day <= last; day = day.AddDays(1))
        {
            var planDay = day.DayNumber - a.StartDate.DayNumber + 1;
            var row = rows.GetValueOrDefault(day);
            points.Add(new WarmupTimelinePoint(day, planDay, WarmupSchedule.Cap(steps, planDay), day <= today ? row?.Sent ?? 0 : null,
                row?.Delivered ?? 0, row?.Bounced ?? 0, row?.Complaints ?? 0, row?.BounceRate ?? 0, row?.ComplaintRate ?? 0,
                row?.HygieneBounced ?? 0, row?.HygieneRate ?? 0));
        }
        return ServiceResult<IReadOnlyList<WarmupTimelinePoint>>.Ok(points);
    }
}
