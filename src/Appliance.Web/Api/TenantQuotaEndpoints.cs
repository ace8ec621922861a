using System.Globalization;
using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Services.TenantMetering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Appliance.Web.Api;

/// <summary>/api/v1/tenants/{id}/quotas and /api/v1/tenants/{id}/usage: a tenant's quotas and its metered usage (docs/tenants.md).</summary>
public static class TenantQuotaEndpoints
{
    /// <summary>The longest range one usage request may ask for (the retention, 400 days).</summary>
    public const int MaxUsageDays = TenantUsageRetentionJob.RetentionDays;

    public static RouteGroupBuilder MapTenantQuotaEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/quotas", GetQuotasAsync).WithSummary("A tenant's quotas and the messages counted against them now").WithTags("Tenants").ProducesProblem(404);
        api.MapPut("/tenants/{id}/quotas", PutQuotasAsync).WithSummary("Replace a tenant's quotas (null = unlimited); applies to the next message").WithTags("Tenants").ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/tenants/{id}/usage", GetUsageAsync)
            .WithSummary("A tenant's metered usage per day or month and sending domain, as JSON or CSV (Accept: text/csv or format=csv)")
            .WithTags("Tenants").ProducesProblem(400).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> GetQuotasAsync(string id, ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, ITenantQuotaCounters quotas, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = TenantScope.CanAccess(user, id) ? await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) : null;
        if (tenant is null) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var usage = quotas.UsageOf(id);
        return TypedResults.Ok(new TenantQuotasResponse(tenant.Id, tenant.HourlyMessageLimit, tenant.DailyMessageLimit, tenant.MonthlyMessageLimit,
            tenant.MaxRecipientsPerMessage, tenant.MaxMessageSizeBytes, tenant.DomainDailyMessageLimit, usage.ThisHour, usage.Today, usage.ThisMonth));
    }

    private static async Task<IResult> PutQuotasAsync(string id, TenantQuotasRequest request, ClaimsPrincipal user, TenantService tenants, CancellationToken ct)
    {
        var result = await tenants.UpdateQuotasAsync(id, request.Limits, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    /// <summary>from/to are UTC days (yyyy-MM-dd, inclusive; default the last 30 days), granularity day (default) or month.</summary>
    private static async Task<IResult> GetUsageAsync(string id, string? from, string? to, string? granularity, string? format, HttpContext http,
        ClaimsPrincipal user, IDbContextFactory<ApplianceDbContext> dbFactory, TenantUsageStore store, TimeProvider time, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!TenantScope.CanAccess(user, id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        }
        var errors = new ValidationErrors();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var toDay = ParseDay(to, "to", today, errors);
        var fromDay = ParseDay(from, "from", toDay.AddDays(-29), errors);
        var unit = granularity?.Trim().ToLowerInvariant();
        var monthly = unit == "month";
        if (unit is not (null or "" or "day" or "month")) errors.Add("granularity", "granularity must be 'day' or 'month'.");
        if (errors.IsValid && fromDay > toDay) errors.Add("from", "from must not be after to.");
        if (errors.IsValid && toDay.DayNumber - fromDay.DayNumber >= MaxUsageDays) errors.Add("from", $"At most {MaxUsageDays} days per request.");
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) || (format is null && AcceptsCsv(http.Request.Headers.Accept));
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)) errors.Add("format", "format must be 'json' or 'csv'.");
        if (!errors.IsValid) return errors.ToResult();

        var report = await store.QueryAsync(id, fromDay, toDay, monthly, ct);
        if (!csv) return TypedResults.Ok(report);
        var name = string.Create(CultureInfo.InvariantCulture, $"usage-{id}-{fromDay:yyyyMMdd}-{toDay:yyyyMMdd}.csv");
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return TypedResults.Text(await TenantUsageCsv.WriteAsync(report, ct), TenantUsageCsv.ContentType + "; charset=utf-8");
    }

    private static DateOnly ParseDay(string? value, string field, DateOnly fallback, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(field, $"'{value}' is not a day in the form yyyy-MM-dd.");
        return fallback;
    }

    private static bool AcceptsCsv(StringValues accept) =>
        accept.Any(a => a is not null && a.Contains(TenantUsageCsv.ContentType, StringComparison.OrdinalIgnoreCase));
}
