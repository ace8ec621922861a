using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>
/// /api/v1/tenants/{id}/users and /invitations: a tenant's users and inviting new ones. Role Admin keys; a tenant
/// key only for its own tenant (another tenant's id is 404, EndpointAccessTable). Accepting an invitation is the page
/// /account/invitation/{token}, not an API call.
/// </summary>
public static class TenantUsersEndpoints
{
    public static IEndpointRouteBuilder MapTenantUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix).WithTags("Tenant users");
        api.MapGet("/tenants/{id}/users", ListAsync).WithSummary("A tenant's users (TenantAdmin, TenantViewer) and its open invitations").ProducesProblem(404);
        api.MapPost("/tenants/{id}/invitations", InviteAsync)
            .WithSummary("Invite a user to a tenant: a one-time link (72 h by default) is mailed through the appliance's queue")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapDelete("/tenants/{id}/users/{userId}", RemoveAsync).WithSummary("Delete a user of the tenant").ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> ListAsync(string id, TenantUserService service, CancellationToken ct)
    {
        var result = await service.ListAsync(id, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> InviteAsync(string id, InviteRequest request, ClaimsPrincipal user, TenantUserService service, CancellationToken ct)
    {
        var result = await service.InviteAsync(id, request.Email, request.Role, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/tenants/{id}/users", result.Value) : result.ToProblem();
    }

    private static async Task<IResult> RemoveAsync(string id, string userId, ClaimsPrincipal user, TenantUserService service, CancellationToken ct)
    {
        var result = await service.RemoveAsync(id, userId, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }
}
