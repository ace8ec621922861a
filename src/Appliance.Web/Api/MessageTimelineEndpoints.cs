using System.Security.Claims;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>GET /api/v1/messages/{id}: a message's timeline and, while it is queued, its envelope and headers.</summary>
public static class MessageTimelineEndpoints
{
    public static RouteGroupBuilder MapMessageTimelineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/messages/{id}", GetAsync).WithSummary("A message's timeline (events) and its headers while queued").WithTags("Messages").ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, MessageSearchService search, CancellationToken ct)
    {
        // Another tenant's message answers 404 like an unknown one: a tenant key learns nothing about it.
        var detail = await search.GetDetailAsync(id, TenantScope.Of(user), ct);
        return detail is null ? ApiProblems.NotFound($"No message '{id}' in the queue or the event log.") : TypedResults.Ok(detail);
    }
}
