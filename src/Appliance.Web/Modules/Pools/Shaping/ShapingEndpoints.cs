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
        g.MapGet("/rules", (ShapingService s) => TypedResults.Ok(s.Rules())).WithSummary("The effective traffic-shaping rules (shipped and overrides)");
        g.MapGet("/overrides", async (ShapingService s, CancellationToken ct) => TypedResults.Ok(await s.ListOverridesAsync(ct))).WithSummary("List shaping overrides");
        g.MapPost("/overrides", async (ShapingRuleDto r, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.Created(await s.SaveOverrideAsync(null, r, true, AuditActors.Of(u), ct), v => $"shaping/overrides/{v.Name}")).WithSummary("Create a shaping override").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/overrides/{name}", async (string name, ShapingRuleDto r, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SaveOverrideAsync(name, r, false, AuditActors.Of(u), ct))).WithSummary("Change a shaping override").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/overrides/{name}", async (string name, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.DeleteOverrideAsync(name, AuditActors.Of(u), ct))).WithSummary("Delete a shaping override").ProducesProblem(404);
        g.MapGet("/queues", (ShapingService s) => TypedResults.Ok(s.Queues())).WithSummary("Ready queues with their shaping state (rates, connections)");
        g.MapGet("/backoffs", (ShapingService s) => TypedResults.Ok(s.Backoffs())).WithSummary("Active automatic backoffs");
        g.MapDelete("/backoffs", async (string rule, string key, ClaimsPrincipal u, ShapingService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.ClearBackoffAsync(rule, key, AuditActors.Of(u), ct))).WithSummary("Clear an automatic backoff now").ProducesProblem(400).ProducesProblem(404);
        return api;
    }
}
