using System.Collections.Concurrent;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Webhooks.Data;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// Persists an endpoint's failure state (FailingSince survives restarts, so the failure period is continuous time,
/// not process uptime), disables it when the period is over, counts dropped events, and raises Alert events.
/// Alerts go out through <paramref name="raise"/>, bound late by the module's registration: the engine's event sink
/// holds the event listeners, and the webhook listener needs the dispatcher that needs this class.
/// </summary>
public sealed class WebhookEndpointHealth(
    IDbContextFactory<ApplianceDbContext> dbFactory, Action<MtaEvent> raise, TimeProvider time, ILogger<WebhookEndpointHealth> logger)
{
    private static readonly TimeSpan DropAlertInterval = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastDropAlert = new(StringComparer.Ordinal);

    public async Task MarkFailingAsync(string endpointId, DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Endpoints.Where(e => e.Id == endpointId && e.FailingSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, since), ct);
    }

    public async Task MarkHealthyAsync(string endpointId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Endpoints.Where(e => e.Id == endpointId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, (DateTimeOffset?)null).SetProperty(e => e.LastSuccessAt, now), ct);
    }

    /// <summary>Disables the endpoint (the admin re-enables it) and raises an Alert event for its tenant.</summary>
    public async Task DisableAsync(WebhookEndpointSnapshot endpoint, DateTimeOffset failingSince, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reason = $"Failing continuously since {failingSince:u}; disabled by the appliance at {now:u}.";
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Endpoints.Where(e => e.Id == endpoint.Id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledAt, now).SetProperty(e => e.DisabledReason, reason), ct);
        }
        WebhooksLog.EndpointDisabled(logger, endpoint.Id, endpoint.Url, endpoint.TenantId, reason);
        Alert(endpoint.TenantId, $"Webhook endpoint {endpoint.Url} ({endpoint.Id}) disabled. {reason}");
    }

    /// <summary>Counts events dropped by the backlog cap; raises at most one Alert per endpoint per hour.</summary>
    public async Task RecordDroppedAsync(WebhookEndpointSnapshot endpoint, long dropped, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Endpoints.Where(e => e.Id == endpoint.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DroppedEvents, e => e.DroppedEvents + dropped), ct);
        }
        var now = time.GetUtcNow();
        if (_lastDropAlert.TryGetValue(endpoint.Id, out var last) && now - last < DropAlertInterval) return;
        _lastDropAlert[endpoint.Id] = now;
        WebhooksLog.BacklogCapped(logger, endpoint.Id, dropped);
        Alert(endpoint.TenantId, $"Webhook endpoint {endpoint.Url} ({endpoint.Id}): backlog cap reached, {dropped} oldest events dropped.");
    }

    private void Alert(string tenant, string detail) =>
        raise(new MtaEvent { Type = MtaEventType.Alert, Timestamp = time.GetUtcNow(), Tenant = tenant, Detail = detail });
}
