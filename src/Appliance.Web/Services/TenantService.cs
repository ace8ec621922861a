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
        };
        Apply(tenant, limits);
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
        var limits = current is null ? TenantMessageLimits.Unlimited : LimitsOf(current);
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
        Apply(tenant, limits);
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

    /// <summary>Replaces only the quotas (PUT /api/v1/tenants/{id}/quotas, the quota form); audited as tenant.quotas.</summary>
    public async Task<ServiceResult<TenantResponse>> UpdateQuotasAsync(string id, TenantMessageLimits limits, string actor, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        ValidateLimits(limits, errors);
        if (!errors.IsValid) return errors.ToResult<TenantResponse>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null) return ServiceResult<TenantResponse>.NotFound($"Tenant '{id}' does not exist.");
        var before = ToResponse(tenant);
        Apply(tenant, limits);
        await audit.SaveChangesAsync(db, actor, "tenant.quotas", id, before, () => ToResponse(tenant), ct);
        await limitsLoader.ReloadAsync(ct);
        return ServiceResult<TenantResponse>.Ok(ToResponse(tenant));
    }

    public static TenantMessageLimits LimitsOf(Tenant t) =>
        new(t.HourlyMessageLimit, t.DailyMessageLimit, t.MonthlyMessageLimit, t.MaxRecipientsPerMessage, t.MaxMessageSizeBytes, t.DomainDailyMessageLimit);

    private static void Apply(Tenant tenant, TenantMessageLimits limits)
    {
        tenant.HourlyMessageLimit = limits.Hourly;
        tenant.DailyMessageLimit = limits.Daily;
        tenant.MonthlyMessageLimit = limits.Monthly;
        tenant.MaxRecipientsPerMessage = limits.MaxRecipients;
        tenant.MaxMessageSizeBytes = limits.MaxMessageSize;
        tenant.DomainDailyMessageLimit = limits.DomainDaily;
    }

    /// <summary>The largest per-message size quota accepted (1 GiB; the listener's own limit still applies).</summary>
    public const long MaxSizeQuota = 1L << 30;

    /// <summary>The largest recipients-per-message quota accepted.</summary>
    public const int MaxRecipientsQuota = 100_000;

    private static void ValidateLimits(TenantMessageLimits limits, FieldErrors errors)
    {
        if (limits.Hourly is { } h && (h < 1 || h > MaxMessageLimit)) errors.Add("hourlyMessageLimit", $"The hourly limit must be between 1 and {MaxMessageLimit} (empty for no limit).");
        if (limits.Daily is { } d && (d < 1 || d > MaxMessageLimit)) errors.Add("dailyMessageLimit", $"The daily limit must be between 1 and {MaxMessageLimit} (empty for no limit).");
        if (limits is { Hourly: { } hour, Daily: { } day } && hour > day) errors.Add("hourlyMessageLimit", $"The hourly limit ({hour}) cannot be above the daily limit ({day}).");
        if (limits.Monthly is { } mo && (mo < 1 || mo > MaxMessageLimit)) errors.Add("monthlyMessageLimit", $"The monthly limit must be between 1 and {MaxMessageLimit} (empty for no limit).");
        if (limits is { Daily: { } d2, Monthly: { } m2 } && d2 > m2) errors.Add("dailyMessageLimit", $"The daily limit ({d2}) cannot be above the monthly limit ({m2}).");
        if (limits.MaxRecipients is { } r && (r < 1 || r > MaxRecipientsQuota)) errors.Add("maxRecipientsPerMessage", $"The recipients per message must be between 1 and {MaxRecipientsQuota} (empty for no limit).");
        if (limits.MaxMessageSize is { } size && (size < 1024 || size > MaxSizeQuota)) errors.Add("maxMessageSizeBytes", $"The message size limit must be between 1024 and {MaxSizeQuota} bytes (empty for no limit).");
        if (limits.DomainDaily is { } dd && (dd < 1 || dd > MaxMessageLimit)) errors.Add("domainDailyMessageLimit", $"The daily limit per sending domain must be between 1 and {MaxMessageLimit} (empty for no limit).");
    }

    public static TenantResponse ToResponse(Tenant t) => new(t.Id, t.Name, t.DsnEnabled, t.CreatedAt, t.HourlyMessageLimit, t.DailyMessageLimit,
        t.MonthlyMessageLimit, t.MaxRecipientsPerMessage, t.MaxMessageSizeBytes, t.DomainDailyMessageLimit);
}
