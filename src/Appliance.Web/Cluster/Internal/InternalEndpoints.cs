using System.Security.Claims;
using Appliance.Mta.Events;
using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Cluster.Panel;
using Appliance.Web.Services;

namespace Appliance.Web.Cluster.Internal;

/// <summary>
/// /api/v1/internal: what a node answers to the other nodes of its cluster (the fan-out of
/// <see cref="ClusterPanelService"/>): its queue report, a queue operation on its own queue, an event search of its
/// own log, one message's detail. Only requests signed with the cluster secret get here (EndpointAccessTable's
/// Internal rows, <see cref="NodeRequestVerifier"/>); no API key and no cookie does. Excluded from the OpenAPI document.
/// </summary>
public static class InternalEndpoints
{
    public static RouteGroupBuilder MapInternalEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/internal").WithTags("Internal").ExcludeFromDescription();
        group.MapGet("/queues", (LocalNodeQueries node, string? tenant = null) => TypedResults.Ok(node.Queues(Blank(tenant))))
            .WithSummary("This node's queue counters and busiest queues (node-to-node)");
        group.MapPost("/queues/{operation}", OperateAsync).WithSummary("A queue operation on this node's queue (node-to-node)");
        group.MapGet("/events", SearchAsync).WithSummary("Search this node's event log (node-to-node)");
        group.MapGet("/messages/{id}", async (string id, LocalNodeQueries node, CancellationToken ct, string? tenant = null) =>
                await node.DetailAsync(id, Blank(tenant), ct) is { } detail ? Results.Ok(detail) : Results.NotFound())
            .WithSummary("One message's timeline and queue state on this node (node-to-node)");
        return api;
    }

    private static async Task<IResult> OperateAsync(string operation, InternalQueueOperation? body, ClaimsPrincipal caller, LocalNodeQueries node, CancellationToken ct)
    {
        if (!Enum.TryParse<QueueViewOperation>(operation, ignoreCase: true, out var verb) || !Enum.IsDefined(verb))
            return ApiProblems.Invalid("operation", "operation must be one of " + string.Join(", ", Enum.GetValues<QueueViewOperation>().Select(QueueOperations.Verb)) + ".");
        if (body is null) return ApiProblems.Invalid("body", "The forwarded operation is missing.");
        var callerNode = caller.Identity?.Name?.Replace("node:", "", StringComparison.Ordinal) ?? "?";
        var outcome = await node.OperateAsync(verb, body, callerNode, ct);
        return outcome.Status switch
        {
            QueueOperationStatus.Done => TypedResults.Ok(new QueueOperationResult(outcome.Affected, outcome.DryRun)),
            QueueOperationStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors),
            QueueOperationStatus.Forbidden => TenantScope.Forbidden(outcome.Message),
            _ => ApiProblems.EngineUnavailable("IQueueAdmin"),
        };
    }

    private static async Task<IResult> SearchAsync(LocalNodeQueries node, CancellationToken ct, string? messageId = null, string? recipient = null,
        string? sender = null, string? tenant = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null)
    {
        if (limit is < 1 or > MessageSearchService.MaxResults) return ApiProblems.Invalid("limit", $"The limit must be between 1 and {MessageSearchService.MaxResults}.");
        var query = new EventQuery
        {
            MessageId = Blank(messageId), Recipient = Blank(recipient), Sender = Blank(sender), Tenant = Blank(tenant), From = from, To = to,
        };
        return TypedResults.Ok(await node.SearchAsync(query, limit ?? EventsEndpoints.DefaultLimit, ct));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
