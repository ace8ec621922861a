using System.Globalization;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>
/// The usage panel's CSV download: the tenant's last 30 UTC days per day and sending domain, in the columns of
/// GET /api/v1/tenants/{id}/usage (which needs an API key; this one takes the panel's cookie). Another tenant's id
/// answers 404 to a tenant user, as for a tenant that does not exist.
/// </summary>
public static class TenantUsageUiEndpoints
{
    public const string PathTemplate = "/tenants/{id}/usage.csv";

    public const int Days = 30;

    public static string PathOf(string tenantId) => "/tenants/" + Uri.EscapeDataString(tenantId) + "/usage.csv";

    public static IEndpointRouteBuilder MapTenantUsageUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathTemplate, async Task<IResult> (string id, HttpContext http, ICallerScope caller, IDbContextFactory<ApplianceDbContext> dbFactory,
            TenantUsageStore store, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await caller.GetAsync();
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (!scope.CanSee(id) || !await db.Tenants.AnyAsync(t => t.Id == id, ct)) return TypedResults.NotFound();
            }
            var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var from = to.AddDays(1 - Days);
            var report = await store.QueryAsync(id, from, to, monthly: false, ct);
            var name = string.Create(CultureInfo.InvariantCulture, $"usage-{id}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv");
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            return TypedResults.Text(await TenantUsageCsv.WriteAsync(report, ct), TenantUsageCsv.ContentType + "; charset=utf-8");
        }).RequireAuthorization(Permissions.CanViewTenant).ExcludeFromDescription();
        return app;
    }
}
