using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Appliance.Web.Engine;
using Appliance.Web.Services.TenantLimits;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services;

/// <summary>
/// Tenants: list, create, edit. Used by /api/v1/tenants and the Tenants page; every change is audited and the
/// engine's tenant snapshot reloaded. SMTP credentials are in <see cref="SmtpCredentialService"/>.
/// </summary>
public sealed class TenantService(IDbContextFactory<ApplianceDbContext> dbFactory, EfTenantDirectory directory, IAuditLog audit, TimeProvider time,
    TenantLimitsLoader limitsLoader)
{
    public const int MaxNameLength = 100;

    /// <summary>The largest hourly or daily message limit accepted (a typo guard, not a capacity figure).</summary>
    public const int MaxMessageLimit = 100_000_000;

    public async Task<IReadOnlyList<TenantResponse>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().ToListAsync(ct);
        return tenants.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(ToResponse).ToList();
    }

    public Task<ServiceResult<TenantResponse>> CreateAsync(string? name, bool? dsnEnabled, string actor, CancellationToken ct = default) =>
        CreateAsync(name, dsnEnabled, TenantMessageLimits.Unlimited, actor, ct);

    public async Task<ServiceResult<TenantResponse>> CreateAsync(string? name, bool? dsnEnabled, TenantMessageLimits limits, string actor, CancellationToken ct = default)
    {
        var errors = ValidateName(ref name);
        ValidateLimits(limits, errors);
        if (!errors.IsValid) return errors.ToResult<TenantResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The Name column has NOCASE collation, so this comparison is case-insensitive in SQLite.
        if (await db.Tenants.AnyAsync(t => t.Name == name, ct)) return ServiceResult<TenantResponse>.Conflict($"A tenant named '{name}' already exists.");

        var existingIds = await db.Tenants.Select(t => t.Id).ToListAsync(ct);
        var tenant = new Tenant
        {
            Id = TenantIds.Create(name!, id => existingIds.Contains(id, StringComparer.OrdinalIgnoreCase)),
            Name = name!,
            DsnEnabled = dsnEnabled ?? true,
            CreatedAt = time.GetUtcNow(),
            HourlyMessageLimit = limits.Hourly,
            DailyMessageLimit = limits.Daily,
        };
        db.Tenants.Add(tenant);
        try
        {
            await audit.SaveChangesAsync(db, actor, "tenant.create", tenant.Id, null, () => ToResponse(tenant), ct);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            return ServiceResult<TenantResponse>.Conflict($"A tenant named '{name}' already exists.");
        }
        await directory.ReloadAsync(ct);
        await limitsLoader.ReloadAsync(ct);
        var response = ToResponse(tenant);
        return ServiceResult<TenantResponse>.Ok(response);
    }

    public async Task<ServiceResult<TenantResponse>> UpdateAsync(string id, string? name, bool dsnEnabled, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        var limits = current is null ? TenantMessageLimits.Unlimited : new TenantMessageLimits(current.HourlyMessageLimit, current.DailyMessageLimit);
        return await UpdateAsync(id, name, dsnEnabled, limits, actor, ct);
    }

    /// <summary>Edits a tenant; new limits apply to the next message (the counters of the running windows stay).</summary>
    public async Task<ServiceResult<TenantResponse>> UpdateAsync(string id, string? name, bool dsnEnabled, TenantMessageLimits limits, string actor, CancellationToken ct = default)
    {
        var errors = ValidateName(ref name);
        ValidateLimits(limits, errors);
        if (!errors.IsValid) return errors.ToResult<TenantResponse>();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null) return ServiceResult<TenantResponse>.NotFound($"Tenant '{id}' does not exist.");
        if (await db.Tenants.AnyAsync(t => t.Name == name && t.Id != id, ct)) return ServiceResult<TenantResponse>.Conflict($"A tenant named '{name}' already exists.");

        var before = ToResponse(tenant);
        tenant.Name = name!;
        tenant.DsnEnabled = dsnEnabled;
        tenant.HourlyMessageLimit = limits.Hourly;
        tenant.DailyMessageLimit = limits.Daily;
        try
        {
            await audit.SaveChangesAsync(db, actor, "tenant.update", id, before, () => ToResponse(tenant), ct);
        }
        catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
        {
            return ServiceResult<TenantResponse>.Conflict($"A tenant named '{name}' already exists.");
        }
        await directory.ReloadAsync(ct);
        await limitsLoader.ReloadAsync(ct);
        var after = ToResponse(tenant);
        return ServiceResult<TenantResponse>.Ok(after);
    }

    private static FieldErrors ValidateName(ref string? name)
    {
        name = name?.Trim() ?? "";
        var errors = new FieldErrors();
        if (name.Length == 0) errors.Add("name", "The name is required.");
        else if (name.Length > MaxNameLength) errors.Add("name", $"The name must be at most {MaxNameLength} characters.");
        else if (name.Any(char.IsControl)) errors.Add("name", "The name must not contain control characters.");
        return errors;
    }

    private static void ValidateLimits(TenantMessageLimits limits, FieldErrors errors)
    {
        if (limits.Hourly is { } h && (h < 1 || h > MaxMessageLimit)) errors.Add("hourlyMessageLimit", $"The hourly limit must be between 1 and {MaxMessageLimit} (empty for no limit).");
        if (limits.Daily is { } d && (d < 1 || d > MaxMessageLimit)) errors.Add("dailyMessageLimit", $"The daily limit must be between 1 and {MaxMessageLimit} (empty for no limit).");
        if (limits is { Hourly: { } hour, Daily: { } day } && hour > day) errors.Add("hourlyMessageLimit", $"The hourly limit ({hour}) cannot be above the daily limit ({day}).");
    }

    public static TenantResponse ToResponse(Tenant t) => new(t.Id, t.Name, t.DsnEnabled, t.CreatedAt, t.HourlyMessageLimit, t.DailyMessageLimit);
}
