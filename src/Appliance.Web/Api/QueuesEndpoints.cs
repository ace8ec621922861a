using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Security;

namespace Appliance.Web.Api;

/// <summary>/api/v1/queues: the engine's queue summary and bulk operations (the actor is the API key name).</summary>
public static class QueuesEndpoints
{
    public static RouteGroupBuilder MapQueuesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/queues", (IServiceProvider sp) =>
            sp.GetService<IQueueAdmin>() is { } admin ? TypedResults.Ok(admin.GetSummary()) : ApiProblems.EngineUnavailable(nameof(IQueueAdmin)));

        MapOperation(api, "suspend", (admin, r, actor) => admin.Suspend(r.ToFilter(), actor));
        MapOperation(api, "resume", (admin, r, actor) => admin.Resume(r.ToFilter(), actor));
        MapOperation(api, "retry", (admin, r, actor) => admin.RetryNow(r.ToFilter(), actor));
        MapOperation(api, "bounce", (admin, r, actor) => admin.Bounce(r.ToFilter(), r.Reason!, actor), destructive: true);
        MapOperation(api, "delete", (admin, r, actor) => admin.Delete(r.ToFilter(), actor), destructive: true);
        return api;
    }

    private static void MapOperation(RouteGroupBuilder api, string name, Func<IQueueAdmin, QueueOperationRequest, string, int> operation, bool destructive = false)
    {
        api.MapPost($"/queues/{name}", (QueueOperationRequest? request, ClaimsPrincipal user, IServiceProvider sp) =>
        {
            request ??= new QueueOperationRequest();
            var errors = new ValidationErrors();
            // Bouncing or deleting everything must be asked for with at least one criterion (e.g. the tenant).
            if (destructive && request.IsEmptyFilter) errors.Add("filter", $"{name} needs at least one of tenant, campaign, domain, site, messageId.");
            if (name == "bounce" && string.IsNullOrWhiteSpace(request.Reason)) errors.Add("reason", "A bounce needs a reason.");
            if (!errors.IsValid) return errors.ToResult();

            if (sp.GetService<IQueueAdmin>() is not { } admin) return ApiProblems.EngineUnavailable(nameof(IQueueAdmin));
            var actor = user.Identity?.Name ?? "api";
            return TypedResults.Ok(new QueueOperationResponse(operation(admin, request, actor)));
        }).RequireAuthorization(ApiPolicies.Admin);
    }
}
