using System.Text;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The page's CSV download (cookie-authenticated, unlike /api/v1/suppressions/export which needs an API key). A tenant
/// user (or an admin viewing as a tenant) gets its tenant's entries only (<see cref="CallerScope"/>).
/// </summary>
public static class SuppressionsUiEndpoints
{
    public const string ExportPath = "/suppressions/export.csv";

    public static IEndpointRouteBuilder MapSuppressionsUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, async (HttpContext http, SuppressionService service, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"suppressions.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
            await service.ExportAsync(writer, CallerScope.Of(http.User).TenantId, ct);
        }).RequireAuthorization(Permissions.CanViewTenant).ExcludeFromDescription();
        return app;
    }
}
