using System.Text.Json;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// The warmup's moving part, run by <see cref="WarmupJob"/>, at start and after every change (<see cref="TickAsync"/>):
/// persists each source's daily volume from the engine's <see cref="WarmupLimiter"/> (added to what an earlier process
/// stored for the same day) and the complaints of the <see cref="WarmupComplaintQueue"/>; advances every attachment to
/// today, applies the automatic hold (<see cref="WarmupProgression"/>, with an Alert event) and hands today's caps to the
/// limiter. A cap counts what was sent before a restart, so a restart never reopens a day's budget.
/// In cluster mode (docs/cluster.md, "Egress sources and warmup") a node stores day volumes only for the sources it owns
/// (<see cref="Egress.EgressSourceRecord.Node"/> is this node) and advances only the attachments of sources it may send from:
/// the counts live where the source lives, so no node overwrites another's row of the same source and day. An unowned
/// source used by several nodes is counted per node in memory and not stored.
/// </summary>
public sealed class WarmupRuntime(IDbContextFactory<ApplianceDbContext> dbFactory, WarmupLimiter limiter, WarmupComplaintQueue complaints,
    ComplaintSourceResolver resolver, IEventSink events, IOptions<WarmupOptions> options, TimeProvider time, ILogger<WarmupRuntime> logger,
    EgressConfiguration egress, Egress.EgressNode node)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(DateOnly Day, string Source, string Provider), Counts> _baselines = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static IReadOnlyList<WarmupStep> Steps(WarmupPlanRecord plan) => JsonSerializer.Deserialize<List<WarmupStep>>(plan.StepsJson, Json) ?? [];

    public static string StepsJson(IReadOnlyList<WarmupStep> steps) => JsonSerializer.Serialize(steps, Json);

    public async Task TickAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var today = Today;
            var volumes = limiter.Volumes();
            var days = volumes.Select(v => v.Day).Append(today).Distinct().ToList();
            var rows = (await db.WarmupDays.Where(d => days.Contains(d.Day)).ToListAsync(ct)).ToDictionary(Key);
            foreach (var v in volumes.Where(Stored))
            {
                var row = Row(db, rows, (v.Day, v.Source.ToLowerInvariant(), (v.Provider ?? "").ToLowerInvariant()));
                if (!_baselines.TryGetValue(Key(row), out var b)) _baselines[Key(row)] = b = new Counts(row.Sent, row.Delivered, row.Bounced, row.Deferred, row.HygieneBounced);
                row.Sent = b.Sent + v.Sent;
                row.Delivered = b.Delivered + v.Delivered;
                row.Bounced = b.Bounced + v.Bounced;
                row.Deferred = b.Deferred + v.Deferred;
                row.HygieneBounced = b.HygieneBounced + v.HygieneBounced;
            }
            await CountComplaintsAsync(db, rows, ct);
            var caps = await AdvanceAsync(db, rows, volumes, today, ct);
            await db.SaveChangesAsync(ct);
            limiter.ReplaceCaps(caps);
            // The limiter keeps today and two days before; older baselines can no longer be added to.
            foreach (var old in _baselines.Keys.Where(k => k.Day < today.AddDays(-3)).ToList()) _baselines.Remove(old);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CountComplaintsAsync(ApplianceDbContext db, Dictionary<(DateOnly, string, string), WarmupDayRecord> rows, CancellationToken ct)
    {
        while (complaints.TryDequeue(out var e))
        {
            var found = await resolver.ResolveAsync(e, ct);
            if (found is not { } f)
            {
                PoolsLog.ComplaintNotAttributed(logger, e.MessageId);
                continue;
            }
            var day = DateOnly.FromDateTime(e.Timestamp.UtcDateTime);
            foreach (var provider in f.Provider is null ? [""] : new[] { "", f.Provider.ToLowerInvariant() })
            {
                var key = (day, f.Source.ToLowerInvariant(), provider);
                if (!rows.ContainsKey(key) && await db.WarmupDays.FindAsync([day, key.Item2, provider], ct) is { } stored) rows[key] = stored;
                Row(db, rows, key).Complaints++;
            }
        }
    }

    private async Task<List<WarmupCap>> AdvanceAsync(ApplianceDbContext db, Dictionary<(DateOnly, string, string), WarmupDayRecord> rows,
        IReadOnlyList<EgressDayVolume> volumes, DateOnly today, CancellationToken ct)
    {
        var plans = await db.WarmupPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var caps = new List<WarmupCap>();
        foreach (var a in await db.WarmupAttachments.ToListAsync(ct))
        {
            if (!plans.TryGetValue(a.PlanId, out var plan)) continue;
            // Another node's source: its owner advances it and counts its cap (and raises its hold alert once).
            if (!node.Owns(egress.Source(a.Source)?.Node)) continue;
            var steps = Steps(plan);
            var before = (a.State, a.PlanDay, a.PlanDayDate);
            WarmupProgression.Advance(a, steps, today);
            var key = (today, a.Source.ToLowerInvariant(), (a.Provider ?? "").ToLowerInvariant());
            rows.TryGetValue(key, out var day);
            if (WarmupProgression.Evaluate(a, steps, today, day, options.Value.MinimumSample) is { } reason)
            {
                PoolsLog.WarmupHeld(logger, a.Source, a.Provider ?? "all", reason);
                events.Write(new MtaEvent
                {
                    Type = MtaEventType.Alert, Timestamp = time.GetUtcNow(), EgressSource = a.Source,
                    Detail = $"Warmup of {a.Source} ({a.Provider ?? "all destinations"}) held for today: {reason}; stepped back to plan day {a.PlanDay}, resumes tomorrow at {a.ResumeCap}.",
                });
            }
            if ((a.State, a.PlanDay, a.PlanDayDate) != before) a.UpdatedAt = time.GetUtcNow();
            if (WarmupProgression.Cap(a, steps, today) is not { } cap) continue;
            var sentBefore = _baselines.TryGetValue(key, out var b) ? b.Sent : day?.Sent ?? 0;
            var counted = volumes.FirstOrDefault(v => v.Day == today && string.Equals(v.Source, key.Item2, StringComparison.OrdinalIgnoreCase)
                && string.Equals(v.Provider ?? "", key.Item3, StringComparison.OrdinalIgnoreCase))?.Sent ?? 0;
            // Held: nothing more today (the limit is what this process already counted); otherwise the cap less what an earlier process sent.
            var limit = a.State == WarmupState.Held ? counted : Math.Max(0, cap - sentBefore);
            caps.Add(new WarmupCap(a.Source, a.Provider, limit));
        }
        return caps;
    }

    /// <summary>
    /// Whether this node stores a volume: always on a single node; in a cluster only for a source this node owns, as
    /// an unowned source's row would be written by every node that uses it, each overwriting the others.
    /// </summary>
    private bool Stored(EgressDayVolume v) =>
        node.Name is not { } name || string.Equals(egress.Source(v.Source)?.Node, name, StringComparison.OrdinalIgnoreCase);

    private static WarmupDayRecord Row(ApplianceDbContext db, Dictionary<(DateOnly, string, string), WarmupDayRecord> rows, (DateOnly Day, string Source, string Provider) key)
    {
        if (rows.TryGetValue(key, out var row)) return row;
        row = new WarmupDayRecord { Day = key.Day, Source = key.Source, Provider = key.Provider };
        db.WarmupDays.Add(row);
        rows[key] = row;
        return row;
    }

    private static (DateOnly, string, string) Key(WarmupDayRecord d) => (d.Day, d.Source, d.Provider);

    private sealed record Counts(long Sent, long Delivered, long Bounced, long Deferred, long HygieneBounced);
}
