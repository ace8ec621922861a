using System.Security.Claims;
using System.Text;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// /api/v1/suppressions: search (GET, filters and paging), add (POST), remove (DELETE ?address=&amp;scope=&amp;scopeKey=),
/// CSV import (POST /import, text/csv body, answers the validation report) and export (GET /export), plus
/// /api/v1/suppressions/settings/{tenantId}. Tenant-scoped keys see and change only their tenant's entries.
/// </summary>
public static class SuppressionsEndpoints
{
    public static IEndpointRouteBuilder MapSuppressionsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix + "/suppressions").WithTags("Suppressions");
        api.MapGet("", SearchAsync).WithSummary("Search the suppression list").ProducesProblem(400);
        api.MapPost("", AddAsync).WithSummary("Add a suppression").ProducesProblem(400).ProducesProblem(409);
        api.MapDelete("", RemoveAsync).WithSummary("Remove a suppression").ProducesProblem(400).ProducesProblem(404);
        api.MapPost("/import", ImportAsync).Accepts<string>("text/csv").WithSummary("Import suppressions from CSV").ProducesProblem(400).ProducesProblem(413);
        api.MapGet("/export", ExportAsync).WithSummary("Export every suppression as CSV");
        api.MapGet("/settings/{tenantId}", GetSettingsAsync).WithSummary("A tenant's suppressed-recipient action, VERP domain and one-click unsubscribe").ProducesProblem(404);
        api.MapPut("/settings/{tenantId}", PutSettingsAsync).WithSummary("Change a tenant's suppression settings").ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> SearchAsync(ClaimsPrincipal user, SuppressionService service, string? search, string? scope, string? scopeKey,
        string? reason, int? skip, int? take, CancellationToken ct)
    {
        if (take is > SuppressionService.MaxTake or < 1) return ApiProblems.Invalid("take", $"take must be between 1 and {SuppressionService.MaxTake}.");
        var page = await service.SearchAsync(new SuppressionFilter(search, scope, scopeKey, reason, skip ?? 0, take ?? 50), TenantScope.Of(user), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<IResult> AddAsync(AddSuppressionRequest request, ClaimsPrincipal user, SuppressionService service, CancellationToken ct)
    {
        var result = await service.AddAsync(request, AuditActors.Of(user), TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/suppressions?search={Uri.EscapeDataString(result.Value!.Address)}", result.Value) : result.ToProblem();
    }

    private static async Task<IResult> RemoveAsync(ClaimsPrincipal user, SuppressionService service, string? address, string? scope, string? scopeKey, CancellationToken ct)
    {
        var result = await service.RemoveAsync(address, scope, scopeKey, AuditActors.Of(user), TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, ClaimsPrincipal user, SuppressionService service, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var report = await service.ImportAsync(reader, AuditActors.Of(user), TenantScope.Of(user), null, ct);
        return TypedResults.Ok(report);
    }

    private static async Task ExportAsync(HttpContext http, ClaimsPrincipal user, SuppressionService service, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"suppressions.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        await service.ExportAsync(writer, TenantScope.Of(user), ct);
    }

    private static async Task<IResult> GetSettingsAsync(string tenantId, ClaimsPrincipal user, TenantFeedbackSettingsService service, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, tenantId)) return ApiProblems.NotFound($"Tenant '{tenantId}' does not exist.");
        var result = await service.GetAsync(tenantId, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> PutSettingsAsync(string tenantId, TenantFeedbackSettingsDto request, ClaimsPrincipal user, TenantFeedbackSettingsService service, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, tenantId)) return ApiProblems.NotFound($"Tenant '{tenantId}' does not exist.");
        var result = await service.UpdateAsync(tenantId, request, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }
}
