using System.Security.Claims;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// /api/v1/warmup: plans (GET, POST, PUT/DELETE /{id}; templates read-only), attachments (GET, POST, PUT/DELETE /{id},
/// POST /{id}/hold and /{id}/resume) and GET attachments/{id}/timeline. Changes need an Admin key.
/// </summary>
public static class WarmupEndpoints
{
    public static RouteGroupBuilder MapWarmupEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/warmup").WithTags("Warmup");
        g.MapGet("/plans", async (WarmupService s, CancellationToken ct) => TypedResults.Ok(await s.ListPlansAsync(ct))).WithSummary("List warmup plans");
        g.MapPost("/plans", async (WarmupPlanRequest r, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Created(await s.SavePlanAsync(null, r, AuditActors.Of(u), ct), v => $"warmup/plans/{v.Id}")).WithSummary("Create a warmup plan (daily volume steps)").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/plans/{id:int}", async (int id, WarmupPlanRequest r, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SavePlanAsync(id, r, AuditActors.Of(u), ct))).WithSummary("Change a warmup plan").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/plans/{id:int}", async (int id, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.DeletePlanAsync(id, AuditActors.Of(u), ct))).WithSummary("Delete a warmup plan no source follows").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        g.MapGet("/attachments", async (WarmupService s, CancellationToken ct) => TypedResults.Ok(await s.ListAttachmentsAsync(ct))).WithSummary("List egress sources following a warmup plan");
        g.MapPost("/attachments", async (WarmupAttachmentRequest r, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Created(await s.SaveAttachmentAsync(null, r, AuditActors.Of(u), ct), v => $"warmup/attachments/{v.Id}")).WithSummary("Put an egress source on a warmup plan").ProducesProblem(400).ProducesProblem(409);
        g.MapPut("/attachments/{id:int}", async (int id, WarmupAttachmentRequest r, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SaveAttachmentAsync(id, r, AuditActors.Of(u), ct))).WithSummary("Change a source's warmup (plan, start day)").ProducesProblem(400).ProducesProblem(404);
        g.MapDelete("/attachments/{id:int}", async (int id, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.NoContent(await s.DeleteAttachmentAsync(id, AuditActors.Of(u), ct))).WithSummary("Take an egress source off its warmup plan").ProducesProblem(404);
        g.MapPost("/attachments/{id:int}/hold", async (int id, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SetStateAsync(id, true, AuditActors.Of(u), ct))).WithSummary("Hold a source's warmup at its current step").ProducesProblem(400).ProducesProblem(404);
        g.MapPost("/attachments/{id:int}/resume", async (int id, ClaimsPrincipal u, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.SetStateAsync(id, false, AuditActors.Of(u), ct))).WithSummary("Resume a held warmup").ProducesProblem(400).ProducesProblem(404);
        g.MapGet("/attachments/{id:int}/timeline", async (int id, WarmupService s, CancellationToken ct) =>
            EgressEndpoints.Ok(await s.TimelineAsync(id, ct))).WithSummary("A source's warmup timeline: planned and sent volume, rates per day").ProducesProblem(404);
        return api;
    }
}
