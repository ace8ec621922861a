using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Warmup;

public sealed partial class WarmupService
{
    public async Task<IReadOnlyList<WarmupAttachmentDto>> ListAttachmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = await db.WarmupPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var today = runtime.Today;
        var days = await db.WarmupDays.AsNoTracking().Where(d => d.Day == today).ToListAsync(ct);
        return (await db.WarmupAttachments.AsNoTracking().ToListAsync(ct)).OrderBy(a => a.Source, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Provider ?? "", StringComparer.Ordinal)
            .Select(a => ToDto(a, plans.GetValueOrDefault(a.PlanId), days.FirstOrDefault(d => d.Source == a.Source.ToLowerInvariant() && d.Provider == (a.Provider ?? "").ToLowerInvariant()), today))
            .ToList();
    }

    public async Task<ServiceResult<WarmupAttachmentDto>> SaveAttachmentAsync(int? id, WarmupAttachmentRequest request, string actor, CancellationToken ct = default)
    {
        var source = request.Source?.Trim() ?? "";
        var provider = string.IsNullOrWhiteSpace(request.Provider) ? null : request.Provider.Trim().ToLowerInvariant();
        var errors = new FieldErrors();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Name == source, ct);
        if (stored is null) errors.Add("source", $"No egress source '{source}'.");
        if (provider is not null && !shaping.ProviderNames.Contains(provider, StringComparer.OrdinalIgnoreCase))
            errors.Add("provider", $"No provider rule '{provider}'; use one of {string.Join(", ", shaping.ProviderNames)}, or leave it empty for all destinations.");
        var plan = request.PlanId is { } pid ? await db.WarmupPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        if (plan is null) errors.Add("planId", "Choose an existing warmup plan.");
        foreach (var (field, value) in new[] { ("bounceHold", request.BounceHold), ("complaintHold", request.ComplaintHold), ("bounceWarning", request.BounceWarning), ("complaintWarning", request.ComplaintWarning) })
            if (value is <= 0 or >= 1) errors.Add(field, "Thresholds are fractions between 0 and 1 (0.05 = 5 %).");
        if (!errors.IsValid) return errors.ToResult<WarmupAttachmentDto>();

        var existing = id is null ? null : await db.WarmupAttachments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (id is not null && existing is null) return ServiceResult<WarmupAttachmentDto>.NotFound($"No warmup attachment {id}.");
        if (await db.WarmupAttachments.AnyAsync(a => a.Source == stored!.Name && a.Provider == provider && a.Id != (id ?? 0), ct))
            return ServiceResult<WarmupAttachmentDto>.Conflict($"Source '{stored!.Name}' already has a plan for {provider ?? "all destinations"}.");
        var before = existing is null ? null : ToDto(existing, plan, null, runtime.Today);
        var start = request.StartDate ?? existing?.StartDate ?? runtime.Today;
        if (existing is null || existing.StartDate != start || existing.PlanId != plan!.Id)
        {
            existing ??= db.WarmupAttachments.Add(new WarmupAttachmentRecord { Source = stored!.Name }).Entity;
            existing.StartDate = start;
            existing.PlanDay = 1;
            existing.PlanDayDate = start;
            existing.State = WarmupState.Active;
            existing.ResumeCap = null;
            existing.ResumeDay = null;
        }
        var thresholds = (Bh: request.BounceHold ?? existing.BounceHold, Ch: request.ComplaintHold ?? existing.ComplaintHold,
            Bw: request.BounceWarning ?? existing.BounceWarning, Cw: request.ComplaintWarning ?? existing.ComplaintWarning);
        if (thresholds.Bw >= thresholds.Bh || thresholds.Cw >= thresholds.Ch)
            return ServiceResult<WarmupAttachmentDto>.Invalid("thresholds", "A warning threshold must be below its hold threshold.");
        (existing.BounceHold, existing.ComplaintHold, existing.BounceWarning, existing.ComplaintWarning) = thresholds;
        existing.Source = stored!.Name;
        existing.Provider = provider;
        existing.PlanId = plan!.Id;
        existing.UpdatedAt = time.GetUtcNow();
        await audit.SaveChangesAsync(db, actor, before is null ? "warmup-attachment.create" : "warmup-attachment.update", $"{existing.Source}/{existing.Provider ?? "*"}",
            before, () => ToDto(existing, plan, null, runtime.Today), ct);
        await runtime.TickAsync(ct);
        var after = (await ListAttachmentsAsync(ct)).First(a => a.Id == existing.Id);
        return ServiceResult<WarmupAttachmentDto>.Ok(after);
    }

    public async Task<ServiceResult<bool>> DeleteAttachmentAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.WarmupAttachments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (existing is null) return ServiceResult<bool>.NotFound($"No warmup attachment {id}.");
        db.WarmupAttachments.Remove(existing);
        await audit.SaveChangesAsync(db, actor, "warmup-attachment.delete", $"{existing.Source}/{existing.Provider ?? "*"}", ToDto(existing, null, null, runtime.Today), () => null, ct);
        await runtime.TickAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Admin hold (same as the automatic one: rest of the day, step back, resume at 50 %) or resume (Active again now).</summary>
    public async Task<ServiceResult<WarmupAttachmentDto>> SetStateAsync(int id, bool hold, string actor, CancellationToken ct = default)
    {
        await runtime.TickAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.WarmupAttachments.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return ServiceResult<WarmupAttachmentDto>.NotFound($"No warmup attachment {id}.");
        var plan = await db.WarmupPlans.AsNoTracking().FirstAsync(p => p.Id == a.PlanId, ct);
        var today = runtime.Today;
        if (hold && a.State != WarmupState.Active) return ServiceResult<WarmupAttachmentDto>.Conflict($"The warmup is {a.State}, not Active.");
        if (!hold && a.State != WarmupState.Held) return ServiceResult<WarmupAttachmentDto>.Conflict($"The warmup is {a.State}, not Held.");
        if (hold)
        {
            var sent = (await db.WarmupDays.AsNoTracking().FirstOrDefaultAsync(d => d.Day == today && d.Source == a.Source.ToLowerInvariant() && d.Provider == (a.Provider ?? "").ToLowerInvariant(), ct))?.Sent ?? 0;
            WarmupProgression.Hold(a, WarmupRuntime.Steps(plan), today, sent, "held by " + actor);
        }
        else
        {
            a.State = WarmupState.Active;
            a.ResumeDay = today;
        }
        a.UpdatedAt = time.GetUtcNow();
        await audit.SaveChangesAsync(db, actor, hold ? "warmup-attachment.hold" : "warmup-attachment.resume", $"{a.Source}/{a.Provider ?? "*"}", null,
            () => ToDto(a, plan, null, today), ct);
        await runtime.TickAsync(ct);
        var after = (await ListAttachmentsAsync(ct)).First(x => x.Id == id);
        return ServiceResult<WarmupAttachmentDto>.Ok(after);
    }

    private static WarmupAttachmentDto ToDto(WarmupAttachmentRecord a, WarmupPlanRecord? plan, WarmupDayRecord? today, DateOnly day)
    {
        var steps = plan is null ? [] : WarmupRuntime.Steps(plan);
        return new WarmupAttachmentDto(a.Id, a.Source, a.Provider, a.PlanId, plan?.Name ?? "?", a.StartDate, a.State.ToString(), a.PlanDay,
            plan is null ? null : WarmupProgression.Cap(a, steps, day), today?.Sent ?? 0, today?.BounceRate ?? 0, today?.ComplaintRate ?? 0,
            WarmupProgression.Health(a, today), a.HeldOn, a.HoldReason, a.ResumeCap, a.ResumeDay, a.BounceHold, a.ComplaintHold, a.BounceWarning, a.ComplaintWarning);
    }
}
