using System.Security.Claims;
using System.Text;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// Message inspection over HTTP (docs/tenants.md, "Message inspection"): the panel's HTML preview and .eml download
/// (cookie, <see cref="Permissions.CanViewContent"/>), and the API's retention settings and raw content (keys).
/// Every content served is audited by <see cref="MessageInspectionService"/>.
/// </summary>
public static class InspectionEndpoints
{
    public const string PreviewPath = "/messages/{id}/content/preview";
    public const string RawPath = "/messages/{id}/content/raw";

    public static string PreviewUrl(string id) => $"messages/{Uri.EscapeDataString(id)}/content/preview";

    public static string RawUrl(string id) => $"messages/{Uri.EscapeDataString(id)}/content/raw";

    /// <summary>The panel's two endpoints (cookie-authenticated, outside /api/v1).</summary>
    public static IEndpointRouteBuilder MapInspectionUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(PreviewPath, PreviewAsync).RequireAuthorization(Permissions.CanViewContent).ExcludeFromDescription();
        app.MapGet(RawPath, (string id, HttpContext http, ClaimsPrincipal user, MessageInspectionService service, CancellationToken ct) =>
            RawAsync(id, http, user, service, ct)).RequireAuthorization(Permissions.CanViewContent).ExcludeFromDescription();
        return app;
    }

    /// <summary>/api/v1/tenants/{id}/retention and /api/v1/messages/{id}/content.</summary>
    public static RouteGroupBuilder MapInspectionApiEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tenants/{id}/retention", GetRetentionAsync).WithSummary("A tenant's message-content retention (off by default) and the bytes it keeps").WithTags("Tenants").ProducesProblem(404);
        api.MapPut("/tenants/{id}/retention", PutRetentionAsync).WithSummary("Turn a tenant's message-content retention on or off; days (1-90, default 7) and budget in MB (default 1024)")
            .WithTags("Tenants").ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/messages/{id}/content", (string id, HttpContext http, ClaimsPrincipal user, MessageInspectionService service, CancellationToken ct) =>
            RawAsync(id, http, user, service, ct))
            .WithSummary("A message's retained content as message/rfc822 (audited); 404 when none is kept").WithTags("Messages").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> GetRetentionAsync(string id, ClaimsPrincipal user, ContentRetentionService service, CancellationToken ct)
    {
        if (!TenantScope.CanAccess(user, id)) return ApiProblems.NotFound($"Tenant '{id}' does not exist.");
        var result = await service.GetAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> PutRetentionAsync(string id, ContentRetentionRequest request, ClaimsPrincipal user, ContentRetentionService service, CancellationToken ct)
    {
        var result = await service.UpdateAsync(id, request, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> PreviewAsync(string id, HttpContext http, ClaimsPrincipal user, MessageInspectionService service, CancellationToken ct)
    {
        var result = await service.OpenAsync(id, CallerScope.Of(user), AuditActors.Of(user), ContentView.Preview, ct);
        if (!result.Succeeded) return result.ToProblem();
        if (result.Value!.Content is not { } content) return ApiProblems.NotFound($"No content is kept for message '{id}'.");
        var html = HtmlPreview.Render(MessageContentParts.Parse(content));
        NoStore(http);
        // Set here, so the panel's own policy (which SecurityHeaders adds only when absent) does not apply.
        http.Response.Headers.ContentSecurityPolicy = HtmlPreview.ContentSecurityPolicy;
        http.Response.Headers.XFrameOptions = "SAMEORIGIN";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Text(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> RawAsync(string id, HttpContext http, ClaimsPrincipal user, MessageInspectionService service, CancellationToken ct)
    {
        var result = await service.OpenAsync(id, CallerScope.Of(user), AuditActors.Of(user), ContentView.Download, ct);
        if (!result.Succeeded) return result.ToProblem();
        if (result.Value!.Content is not { } content) return ApiProblems.NotFound($"No content is kept for message '{id}'.");
        NoStore(http);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, "message/rfc822", result.Value.MessageId + ".eml");
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
