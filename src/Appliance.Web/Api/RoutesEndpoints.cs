using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/routes: static routes (upsert by domain, list, delete) over <see cref="RouteService"/>, which reloads the
/// engine's snapshot and audits each change.
/// </summary>
public static class RoutesEndpoints
{
    public static RouteGroupBuilder MapRoutesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/routes", async (RouteService routes, CancellationToken ct) => TypedResults.Ok(await routes.ListAsync(ct))).WithSummary("List static routes").WithTags("Routes");
        api.MapPost("/routes", UpsertAsync).WithSummary("Create or replace the static route of a domain (\"*\" = smart host)").WithTags("Routes").ProducesProblem(400);
        api.MapDelete("/routes/{domain}", DeleteAsync).WithSummary("Delete a domain's static route").WithTags("Routes").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> UpsertAsync(UpsertRouteRequest request, ClaimsPrincipal user, RouteService routes, CancellationToken ct)
    {
        var result = await routes.UpsertAsync(request, AuditActors.Of(user), ct);
        // 201 for both insert and replace, so scripts need not know whether the route existed.
        return result.Succeeded
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/routes/{Uri.EscapeDataString(result.Value!.Domain)}", result.Value)
            : result.ToProblem();
    }

    private static async Task<IResult> DeleteAsync(string domain, ClaimsPrincipal user, RouteService routes, CancellationToken ct)
    {
        var result = await routes.DeleteAsync(domain, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }
}
