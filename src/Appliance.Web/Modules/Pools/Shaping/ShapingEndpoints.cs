using System.Security.Claims;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// /api/v1/shaping: GET rules (provider rules, overrides, global backoff), GET/POST/PUT/DELETE overrides (Admin), GET
/// queues (each ready queue's effective limits with their origins), GET backoffs and DELETE backoffs?rule=&amp;key= (Admin).
/// </summary>
public static class ShapingEndpoints
{
    public static RouteGroupBuilder MapShapingEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/shaping").WithTags("Traffic shaping");
        g.MapGet("/rules", (ShapingService s) => TypedResults.Ok(s.Rules()));
        g.MapGet("/overrides", async (ShapingService s, CancellationToken ct) => TypedResults.Ok(await s.ListOverridesAsync(ct)));
        g.MapPost("/overrides", async (ShapingRuleDto r, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.Created(await s.SaveOverrideAsync(null, r, true, AuditActors.Of(u), ct), v => $"shaping/overrides/{v.Name}")).RequireAuthorization(ApiPolicies.Admin);
        g.MapPut("/overrides/{name}", async (string name, ShapingRuleDto r, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SaveOverrideAsync(name, r, false, AuditActors.Of(u), ct))).RequireAuthorization(ApiPolicies.Admin);
        g.MapDelete("/overrides/{name}", async (string name, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.DeleteOverrideAsync(name, AuditActors.Of(u), ct))).RequireAuthorization(ApiPolicies.Admin);
        g.MapGet("/queues", (ShapingService s) => TypedResults.Ok(s.Queues()));
        g.MapGet("/backoffs", (ShapingService s) => TypedResults.Ok(s.Backoffs()));
        g.MapDelete("/backoffs", async (string rule, string key, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.ClearBackoffAsync(rule, key, AuditActors.Of(u), ct))).RequireAuthorization(ApiPolicies.Admin);
        return api;
    }
}
