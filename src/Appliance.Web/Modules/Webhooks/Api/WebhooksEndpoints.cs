using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Modules.Webhooks.Services;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Webhooks.Api;

/// <summary>
/// /api/v1/tenants/{id}/webhooks, /api/v1/system/webhooks and /api/v1/webhooks/{id}: endpoint CRUD, test, re-send,
/// delivery log. Reads need any API key, changes role Admin; a tenant-scoped key sees other tenants' endpoints and the
/// system endpoints as missing (404), and gets 403 on /system.
/// </summary>
public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix).WithTags("Webhooks");
        api.MapGet("/tenants/{id}/webhooks", ListAsync).WithSummary("List a tenant's webhook endpoints").ProducesProblem(404);
        api.MapPost("/tenants/{id}/webhooks", CreateAsync).WithSummary("Create a webhook endpoint; its signing secret is shown once").ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/webhooks/{id}", GetAsync).WithSummary("A webhook endpoint with backlog and failure state").ProducesProblem(404);
        api.MapPut("/webhooks/{id}", UpdateAsync).WithSummary("Change or re-enable a webhook endpoint").ProducesProblem(400).ProducesProblem(404);
        api.MapDelete("/webhooks/{id}", DeleteAsync).WithSummary("Delete a webhook endpoint and its backlog").ProducesProblem(404);
        api.MapPost("/webhooks/{id}/test", TestAsync).WithSummary("Send a signed test batch now").ProducesProblem(404);
        api.MapPost("/webhooks/{id}/resend", ResendAsync).WithSummary("Re-queue the endpoint's events of a time range").ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/webhooks/{id}/deliveries", DeliveriesAsync).WithSummary("The endpoint's delivery log, newest first").ProducesProblem(400).ProducesProblem(404);
        // System endpoints: every tenant's events plus the tenant-less alerts; global (not tenant-scoped) keys only.
        // The per-id routes above serve them too (a tenant-scoped key sees them as missing).
        var system = api.MapGroup("/system");
        system.MapGet("/webhooks", ListSystemAsync).WithSummary("List system webhook endpoints (all tenants' events and tenant-less alerts)");
        system.MapPost("/webhooks", CreateSystemAsync)
            .WithSummary("Create a system webhook endpoint; its signing secret is shown once").ProducesProblem(400);
        return app;
    }

    private static async Task<IResult> ListAsync(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.ListAsync(id, TenantScope.Of(user), ct));

    private static async Task<IResult> CreateAsync(string id, WebhookRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        var result = await webhooks.CreateAsync(id, request, AuditActors.Of(user), TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/webhooks/{result.Value!.Id}", result.Value) : result.ToProblem();
    }

    private static async Task<IResult> ListSystemAsync(ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.ListAsync(WebhookScopes.System, TenantScope.Of(user), ct));

    private static async Task<IResult> CreateSystemAsync(WebhookRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        var result = await webhooks.CreateAsync(WebhookScopes.System, request, AuditActors.Of(user), TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/webhooks/{result.Value!.Id}", result.Value) : result.ToProblem();
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.GetAsync(id, TenantScope.Of(user), ct));

    private static async Task<IResult> UpdateAsync(string id, WebhookRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.UpdateAsync(id, request, AuditActors.Of(user), TenantScope.Of(user), ct));

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct)
    {
        var result = await webhooks.DeleteAsync(id, AuditActors.Of(user), TenantScope.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> TestAsync(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.TestAsync(id, AuditActors.Of(user), TenantScope.Of(user), ct));

    private static async Task<IResult> ResendAsync(string id, WebhookResendRequest request, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct) =>
        Answer(await webhooks.ResendAsync(id, request, AuditActors.Of(user), TenantScope.Of(user), ct));

    private static async Task<IResult> DeliveriesAsync(string id, ClaimsPrincipal user, WebhookService webhooks, CancellationToken ct, int take = 100) =>
        Answer(await webhooks.DeliveriesAsync(id, take, TenantScope.Of(user), ct));

    private static IResult Answer<T>(ServiceResult<T> result) => result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
}
