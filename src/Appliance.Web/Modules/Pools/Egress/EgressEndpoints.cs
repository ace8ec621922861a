using System.Security.Claims;
using Appliance.Web.Api;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// /api/v1/egress-sources, /api/v1/pools, /api/v1/pool-assignments and /api/v1/egress-settings: list (any global
/// key), create/update/delete (Admin). Tenant-scoped keys get 403: pools are the whole appliance's. Field errors and
/// the engine's plan validation come back as RFC 7807 validation problems.
/// </summary>
public static class EgressEndpoints
{
    public static RouteGroupBuilder MapEgressEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("IP pools");
        g.MapGet("/egress-sources", async (EgressService s, CancellationToken ct) => TypedResults.Ok(await s.ListSourcesAsync(ct))).WithSummary("List egress sources (bind address, EHLO name)");
        g.MapPost("/egress-sources", async (EgressSourceRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Created(await s.SaveSourceAsync(null, r, true, AuditActors.Of(u), ct), v => $"egress-sources/{v.Name}")).WithSummary("Create an egress source").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/egress-sources/{name}", async (string name, EgressSourceRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Ok(await s.SaveSourceAsync(name, r, false, AuditActors.Of(u), ct))).WithSummary("Change an egress source").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/egress-sources/{name}", async (string name, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            NoContent(await s.DeleteSourceAsync(name, AuditActors.Of(u), ct))).WithSummary("Delete an egress source no pool uses").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        g.MapGet("/pools", async (EgressService s, CancellationToken ct) => TypedResults.Ok(await s.ListPoolsAsync(ct))).WithSummary("List IP pools with their weighted members");
        g.MapPost("/pools", async (PoolRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Created(await s.SavePoolAsync(null, r, true, AuditActors.Of(u), ct), v => $"pools/{v.Name}")).WithSummary("Create an IP pool").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/pools/{name}", async (string name, PoolRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Ok(await s.SavePoolAsync(name, r, false, AuditActors.Of(u), ct))).WithSummary("Change an IP pool's members").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/pools/{name}", async (string name, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            NoContent(await s.DeletePoolAsync(name, AuditActors.Of(u), ct))).WithSummary("Delete an IP pool nothing is assigned to").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        g.MapGet("/pool-assignments", async (EgressService s, CancellationToken ct) => TypedResults.Ok(await s.ListAssignmentsAsync(ct))).WithSummary("List pool assignments (tenant and stream to pool)");
        g.MapPost("/pool-assignments", async (PoolAssignmentRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Created(await s.SaveAssignmentAsync(null, r, AuditActors.Of(u), ct), v => $"pool-assignments/{v.Id}")).WithSummary("Assign a tenant and/or stream to a pool").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/pool-assignments/{id:int}", async (int id, PoolAssignmentRequest r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Ok(await s.SaveAssignmentAsync(id, r, AuditActors.Of(u), ct))).WithSummary("Change a pool assignment").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/pool-assignments/{id:int}", async (int id, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            NoContent(await s.DeleteAssignmentAsync(id, AuditActors.Of(u), ct))).WithSummary("Delete a pool assignment").ProducesProblem(400).ProducesProblem(404);

        g.MapGet("/egress-settings", async (EgressService s, CancellationToken ct) => TypedResults.Ok(await s.GetSettingsAsync(ct))).WithSummary("Default pool, warmup overflow and stream sharing");
        g.MapPut("/egress-settings", async (EgressSettingsDto r, ClaimsPrincipal u, EgressService s, CancellationToken ct) =>
            Ok(await s.SaveSettingsAsync(r, AuditActors.Of(u), ct))).WithSummary("Change the default pool, warmup overflow or stream sharing").ProducesProblem(400);
        return api;
    }

    public static IResult Created<T>(ServiceResult<T> result, Func<T, string> path) =>
        result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/{path(result.Value!)}", result.Value) : result.ToProblem();

    public static IResult Ok<T>(ServiceResult<T> result) => result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();

    public static IResult NoContent<T>(ServiceResult<T> result) => result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
}
