using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/queues: the engine's queue summary, live counters, the server-paged scheduled queue list and the bulk
/// operations (the actor is the API key name). Reads come from the engine's queue counters (no walk). Operations need
/// role Admin or Operator and run through <see cref="QueueOperations"/>, the service the Queues page uses: same
/// validation, same tenant rules, one audit record. "dryRun": true answers how many items would be affected and
/// changes nothing. A tenant key sees its own scheduled queues only and its operations are limited to its tenant.
/// </summary>
public static class QueuesEndpoints
{
    public static RouteGroupBuilder MapQueuesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/queues", (ClaimsPrincipal user, QueueViewService queues) =>
            queues.Admin is null ? ApiProblems.EngineUnavailable("IQueueAdmin") : TypedResults.Ok(queues.GetSummary(TenantScope.Of(user)))).WithSummary("Scheduled and ready queues with counts per tenant").WithTags("Queues").ProducesProblem(503);

        api.MapGet("/queues/counters", (ClaimsPrincipal user, QueueViewService queues) =>
            queues.Admin is null ? ApiProblems.EngineUnavailable("IQueueAdmin") : TypedResults.Ok(queues.GetCounters(TenantScope.Of(user))))
            .WithSummary("Live queue counters: messages, recipients, items per state, messages per tenant").WithTags("Queues").ProducesProblem(503);

        api.MapGet("/queues/scheduled", ListScheduled)
            .WithSummary("One page of scheduled queues (filter by tenant, campaign, domain, state, text; sort; page, pageSize) with the total").WithTags("Queues").ProducesProblem(400).ProducesProblem(403).ProducesProblem(503);

        foreach (var operation in Enum.GetValues<QueueViewOperation>()) MapOperation(api, operation);
        return api;
    }

    private static IResult ListScheduled(ClaimsPrincipal user, QueueViewService queues, string? tenant = null, string? campaign = null, string? domain = null,
        string? state = null, string? search = null, string? sort = null, bool? desc = null, int? page = null, int? pageSize = null)
    {
        var errors = new ValidationErrors();
        if (page is < 0) errors.Add("page", "page must be 0 or more (the first page is 0).");
        if (pageSize is < 1 or > ScheduledQueueQuery.MaxPageSize) errors.Add("pageSize", $"pageSize must be between 1 and {ScheduledQueueQuery.MaxPageSize}.");
        var parsedState = ScheduledQueueState.Any;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out parsedState) || !Enum.IsDefined(parsedState)))
            errors.Add("state", "state must be one of any, active, suspended.");
        var parsedSort = ScheduledQueueSort.Name;
        if (sort is not null && (!Enum.TryParse(sort, ignoreCase: true, out parsedSort) || !Enum.IsDefined(parsedSort)))
            errors.Add("sort", "sort must be one of " + string.Join(", ", Enum.GetNames<ScheduledQueueSort>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])) + ".");
        if (!errors.IsValid) return errors.ToResult();

        var own = TenantScope.Of(user);
        if (own is not null && tenant is not null && tenant != own) return TenantScope.Forbidden($"This API key cannot read tenant '{tenant}'.");
        if (queues.Admin is null) return ApiProblems.EngineUnavailable("IQueueAdmin");
        var query = new ScheduledQueueQuery(Blank(tenant), Blank(campaign), Blank(domain), parsedState, Blank(search), parsedSort, desc ?? false,
            page ?? 0, pageSize ?? ScheduledQueueQuery.DefaultPageSize);
        return TypedResults.Ok(queues.QueryScheduled(query, own));
    }

    private static void MapOperation(RouteGroupBuilder api, QueueViewOperation operation)
    {
        api.MapPost($"/queues/{QueueOperations.Verb(operation)}", async (QueueOperationRequest? request, ClaimsPrincipal user, QueueOperations operations, CancellationToken ct) =>
        {
            request ??= new QueueOperationRequest();
            var outcome = await operations.RunAsync(new QueueOperationCommand(operation, request.ToFilter(), request.Reason, request.DryRun), user, null, ct);
            return outcome.Status switch
            {
                QueueOperationStatus.Done => TypedResults.Ok(new QueueOperationResult(outcome.Affected, outcome.DryRun)),
                QueueOperationStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors),
                QueueOperationStatus.Forbidden => TenantScope.Forbidden(outcome.Message),
                _ => ApiProblems.EngineUnavailable("IQueueAdmin"),
            };
        }).WithSummary($"{operation} the queued messages matching a filter (dryRun: count them only)").WithTags("Queues").ProducesProblem(400).ProducesProblem(403).ProducesProblem(503);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
