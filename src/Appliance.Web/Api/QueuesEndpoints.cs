using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/queues: the engine's queue summary and bulk operations (the actor is the API key name). Operations need
/// role Admin or Operator; "dryRun": true answers how many items would be affected and changes nothing. A tenant
/// key sees its own scheduled queues only and its operations are limited to its tenant.
/// </summary>
public static class QueuesEndpoints
{
    public static RouteGroupBuilder MapQueuesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/queues", (ClaimsPrincipal user, QueueViewService queues) =>
            queues.Admin is null ? ApiProblems.EngineUnavailable("IQueueAdmin") : TypedResults.Ok(queues.GetSummary(TenantScope.Of(user)))).WithSummary("Scheduled and ready queues with counts per tenant").WithTags("Queues").ProducesProblem(503);

        foreach (var operation in Enum.GetValues<QueueViewOperation>()) MapOperation(api, operation);
        return api;
    }

    private static void MapOperation(RouteGroupBuilder api, QueueViewOperation operation)
    {
        var name = operation.ToString().ToLowerInvariant();
        api.MapPost($"/queues/{name}", async (QueueOperationRequest? request, ClaimsPrincipal user, QueueViewService queues, CancellationToken ct) =>
        {
            request ??= new QueueOperationRequest();
            var own = TenantScope.Of(user);
            if (own is not null && request.Tenant is not null && request.Tenant != own) return TenantScope.Forbidden($"This API key cannot change tenant '{request.Tenant}'.");
            // Suspending a site stops a ready queue that every tenant shares.
            if (own is not null && request.Site is not null && operation is QueueViewOperation.Suspend or QueueViewOperation.Resume)
                return TenantScope.Forbidden("A tenant API key cannot suspend or resume a destination site.");

            var errors = new ValidationErrors();
            // Bouncing or deleting everything must be asked for with at least one criterion (e.g. the tenant).
            if (QueueViewService.IsDestructive(operation) && request.IsEmptyFilter) errors.Add("filter", $"{name} needs at least one of tenant, campaign, domain, site, messageId.");
            if (operation == QueueViewOperation.Bounce && string.IsNullOrWhiteSpace(request.Reason)) errors.Add("reason", "A bounce needs a reason.");
            if (!errors.IsValid) return errors.ToResult();

            if (queues.Admin is null) return ApiProblems.EngineUnavailable("IQueueAdmin");
            var filter = request.ToFilter() with { Tenant = own ?? request.Tenant };
            if (request.DryRun) return TypedResults.Ok(new QueueOperationResult(queues.DryRun(filter), DryRun: true));
            return TypedResults.Ok(new QueueOperationResult(await queues.ExecuteAsync(operation, filter, request.Reason, user, ct), DryRun: false));
        }).WithSummary($"{operation} the queued messages matching a filter (dryRun: count them only)").WithTags("Queues").ProducesProblem(400).ProducesProblem(503);
    }
}
