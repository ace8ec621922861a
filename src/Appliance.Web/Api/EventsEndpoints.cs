using System.Security.Claims;
using Appliance.Mta.Events;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>GET /api/v1/events: search the event log by message, recipient, sender, tenant and time range.</summary>
public static class EventsEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapEventsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", SearchAsync).WithSummary("Search the event log by message id, recipient, sender, tenant and time").WithTags("Events").ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> SearchAsync(
        ClaimsPrincipal user, MessageSearchService search, Cluster.Panel.ClusterPanelService cluster, CancellationToken ct,
        string? messageId = null, string? recipient = null, string? sender = null, string? tenant = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, int? limit = null)
    {
        var errors = new ValidationErrors();
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"The limit must be between 1 and {MaxLimit}.");
        if (from is not null && to is not null && from >= to) errors.Add("from", "from must be earlier than to.");
        if (!errors.IsValid) return errors.ToResult();

        // A tenant key searches its own tenant only; naming another tenant is refused rather than silently narrowed.
        var own = TenantScope.Of(user);
        if (own is not null && !string.IsNullOrEmpty(tenant) && tenant != own) return TenantScope.Forbidden($"This API key cannot read tenant '{tenant}'.");

        var query = new EventQuery
        {
            MessageId = Blank(messageId),
            Recipient = Blank(recipient),
            Sender = Blank(sender),
            Tenant = own ?? Blank(tenant),
            From = from,
            To = to,
        };
        // Cluster mode: every node's event log, merged newest first (the node names stay internal: /cluster/events has them).
        if (cluster.IsCluster)
        {
            var merged = await cluster.SearchAsync(query, 0, limit ?? DefaultLimit, ct);
            return TypedResults.Ok(new EventSearchResponse([.. merged.Events.Select(e => e.Event)], merged.More));
        }
        var page = await search.SearchAsync(query, 0, limit ?? DefaultLimit, ct);
        return TypedResults.Ok(new EventSearchResponse(page.Events, page.More));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
