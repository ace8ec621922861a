using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// Warmup plans and attachments for the API and the page. Templates are seeded at start and read-only; every change is
/// validated, audited and followed by a warmup tick, so caps apply at once.
/// </summary>
public sealed partial class WarmupService(IDbContextFactory<ApplianceDbContext> dbFactory, WarmupRuntime runtime, Shaping.ShapingService shaping,
    IAuditLog audit, TimeProvider time)
{
    /// <summary>Adds missing templates (at start).</summary>
    public async Task SeedTemplatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (name, steps) in WarmupTemplates.All)
        {
            var existing = await db.WarmupPlans.FirstOrDefaultAsync(p => p.Name == name, ct);
            if (existing is null) db.WarmupPlans.Add(new WarmupPlanRecord { Name = name, Template = true, StepsJson = WarmupRuntime.StepsJson(steps), UpdatedAt = time.GetUtcNow() });
            else if (existing.Template) existing.StepsJson = WarmupRuntime.StepsJson(steps);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<WarmupPlanDto>> ListPlansAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.WarmupPlans.AsNoTracking().ToListAsync(ct)).OrderByDescending(p => p.Template).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(ToDto).ToList();
    }

    public async Task<ServiceResult<WarmupPlanDto>> SavePlanAsync(int? id, WarmupPlanRequest request, string actor, CancellationToken ct = default)
    {
        var name = request.Name?.Trim() ?? "";
        var errors = new FieldErrors();
        if (name.Length is 0 or > 100) errors.Add("name", "The name must be 1-100 characters.");
        foreach (var e in WarmupSchedule.Validate(request.Steps)) errors.Add("steps", e);
        if (!errors.IsValid) return errors.ToResult<WarmupPlanDto>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = id is null ? null : await db.WarmupPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (id is not null && existing is null) return ServiceResult<WarmupPlanDto>.NotFound($"No warmup plan {id}.");
        if (existing?.Template == true) return ServiceResult<WarmupPlanDto>.Conflict($"'{existing.Name}' is a template; create a custom plan from its steps instead.");
        if (await db.WarmupPlans.AnyAsync(p => p.Name == name && p.Id != (id ?? 0), ct)) return ServiceResult<WarmupPlanDto>.Conflict($"A plan named '{name}' already exists.");
        var before = existing is null ? null : ToDto(existing);
        existing ??= db.WarmupPlans.Add(new WarmupPlanRecord { Name = name, StepsJson = "[]" }).Entity;
        existing.Name = name;
        existing.StepsJson = WarmupRuntime.StepsJson(request.Steps!);
        existing.UpdatedAt = time.GetUtcNow();
        await audit.SaveChangesAsync(db, actor, before is null ? "warmup-plan.create" : "warmup-plan.update", name, before, () => ToDto(existing), ct);
        await runtime.TickAsync(ct);
        var after = ToDto(existing);
        return ServiceResult<WarmupPlanDto>.Ok(after);
    }

    public async Task<ServiceResult<bool>> DeletePlanAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.WarmupPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (existing is null) return ServiceResult<bool>.NotFound($"No warmup plan {id}.");
        if (existing.Template) return ServiceResult<bool>.Conflict($"'{existing.Name}' is a template and cannot be deleted.");
        if (await db.WarmupAttachments.AnyAsync(a => a.PlanId == id, ct)) return ServiceResult<bool>.Conflict($"Plan '{existing.Name}' is attached to a source; detach it first.");
        db.WarmupPlans.Remove(existing);
        await audit.SaveChangesAsync(db, actor, "warmup-plan.delete", existing.Name, ToDto(existing), () => null, ct);
        return ServiceResult<bool>.Ok(true);
    }

    public static WarmupPlanDto ToDto(WarmupPlanRecord p) => new(p.Id, p.Name, p.Template, WarmupRuntime.Steps(p));
}
