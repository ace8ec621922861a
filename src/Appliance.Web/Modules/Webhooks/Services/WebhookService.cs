using System.Net;
using Appliance.Mta.Events;
using Appliance.Mta.Http;
using Appliance.Web.Data;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Webhooks.Services;

/// <summary>
/// Webhook endpoints for the API and the page: CRUD (audited, never the secret), test POST, re-send of a time range
/// from the event log, and the delivery log. <c>tenantScope</c> (a tenant-scoped API key's tenant, or null) makes
/// other tenants' endpoints look missing. System endpoints (<see cref="WebhookScopes.System"/>) are visible to global
/// admins only.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IDbContextFactory<ApplianceDbContext> applianceDb,
    WebhookDispatcher dispatcher,
    WebhookSecrets secrets,
    WebhookSender sender,
    WebhookDeliveryLog deliveryLog,
    IAuditLog audit,
    IOptions<WebhookOptions> options,
    OutboundHttpGuard outboundGuard,
    EventLog eventLog,
    TimeProvider time)
{
    public async Task<ServiceResult<IReadOnlyList<WebhookResponse>>> ListAsync(string tenantId, string? tenantScope, CancellationToken ct = default)
    {
        if (WebhookScopes.IsSystem(tenantId) && tenantScope is not null) return ServiceResult<IReadOnlyList<WebhookResponse>>.NotFound($"Tenant '{tenantId}' does not exist.");
        if (!WebhookScopes.IsSystem(tenantId) && !await TenantVisibleAsync(tenantId, tenantScope, ct)) return ServiceResult<IReadOnlyList<WebhookResponse>>.NotFound($"Tenant '{tenantId}' does not exist.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Endpoints.AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync(ct);
        return ServiceResult<IReadOnlyList<WebhookResponse>>.Ok(rows.OrderBy(e => e.CreatedAt).Select(ToResponse).ToList());
    }

    public async Task<ServiceResult<WebhookResponse>> GetAsync(string id, string? tenantScope, CancellationToken ct = default)
    {
        var entity = await FindAsync(id, tenantScope, ct);
        return entity is null ? Missing<WebhookResponse>(id) : ServiceResult<WebhookResponse>.Ok(ToResponse(entity));
    }

    /// <summary>Creates an endpoint with a new secret, returned in <see cref="WebhookResponse.Secret"/> this once.</summary>
    public async Task<ServiceResult<WebhookResponse>> CreateAsync(string tenantId, WebhookRequest request, string actor, string? tenantScope, CancellationToken ct = default)
    {
        var errors = Validate(request, out var url, out var types, outboundGuard);
        if (!errors.IsValid) return errors.ToResult<WebhookResponse>();
        // System endpoints (every tenant and the tenant-less alerts) are for global admins only.
        if (WebhookScopes.IsSystem(tenantId) ? tenantScope is not null : !await TenantVisibleAsync(tenantId, tenantScope, ct))
            return ServiceResult<WebhookResponse>.NotFound($"Tenant '{tenantId}' does not exist.");
        var secret = WebhookSecrets.Generate();
        var now = time.GetUtcNow();
        var entity = new WebhookEndpoint
        {
            Id = Guid.NewGuid().ToString("N"),
            TenantId = tenantId,
            Url = url,
            ProtectedSecret = secrets.Protect(secret),
            EventTypes = WebhookEventTypes.Format(types),
            Enabled = request.Enabled ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Endpoints.Add(entity);
            await audit.SaveChangesAsync(db, actor, "webhook.create", entity.Id, null, () => ToResponse(entity), ct);
        }
        await dispatcher.ReloadAsync(ct);
        var response = ToResponse(entity);
        return ServiceResult<WebhookResponse>.Ok(response with { Secret = secret });
    }

    /// <summary>Replaces URL, filter and enabled flag; enabling clears the failure state (the backlog is retried at once).</summary>
    public async Task<ServiceResult<WebhookResponse>> UpdateAsync(string id, WebhookRequest request, string actor, string? tenantScope, CancellationToken ct = default)
    {
        var errors = Validate(request, out var url, out var types, outboundGuard);
        if (!errors.IsValid) return errors.ToResult<WebhookResponse>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Endpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null || !Visible(entity, tenantScope)) return Missing<WebhookResponse>(id);
        var before = ToResponse(entity);
        entity.Url = url;
        entity.EventTypes = WebhookEventTypes.Format(types);
        var enable = request.Enabled ?? entity.Enabled;
        if (enable && !entity.Enabled)
        {
            entity.FailingSince = null;
            entity.DisabledAt = null;
            entity.DisabledReason = null;
        }
        entity.Enabled = enable;
        entity.UpdatedAt = time.GetUtcNow();
        await audit.SaveChangesAsync(db, actor, "webhook.update", id, before, () => ToResponse(entity), ct);
        await dispatcher.ReloadAsync(ct);
        var after = ToResponse(entity);
        return ServiceResult<WebhookResponse>.Ok(after);
    }

    /// <summary>Deletes the endpoint, its queued events and its delivery log.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string id, string actor, string? tenantScope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null || !Visible(entity, tenantScope)) return Missing<bool>(id);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Endpoints.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
            await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(ct);
            audit.Add(db, actor, "webhook.delete", id, ToResponse(entity), null);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await dispatcher.ReloadAsync(ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>POSTs a signed test batch now (not queued) and logs it in the delivery log.</summary>
    public async Task<ServiceResult<WebhookTestResult>> TestAsync(string id, string actor, string? tenantScope, CancellationToken ct = default)
    {
        var entity = await FindAsync(id, tenantScope, ct);
        if (entity is null) return Missing<WebhookTestResult>(id);
        var now = time.GetUtcNow();
        var sample = new MtaEvent { Type = MtaEventType.Delivery, Timestamp = now, Tenant = WebhookScopes.IsSystem(entity.TenantId) ? null : entity.TenantId, Detail = "Test event sent by the appliance." };
        var batchId = $"{id}-test-{now.ToUnixTimeMilliseconds()}";
        var body = WebhookPayload.Compose(id, batchId, now, test: true, [System.Text.Json.JsonSerializer.Serialize(sample, EventLog.Json)]);
        var result = await sender.SendAsync(id, entity.Url, secrets.Unprotect(entity.ProtectedSecret), batchId, body, ct);
        await deliveryLog.RecordAsync(id, result, 1, 1, isTest: true, ct);
        // The action is an HTTP request; the delivery log row above is its outcome, kept even when the audit fails.
        await audit.RecordAsync(actor, "webhook.test", id, null, new { result.Succeeded, result.StatusCode }, ct);
        // A tenant key sees the status code only: the receiver's body could be anything the URL reaches (SSRF read-back).
        var excerpt = tenantScope is null ? result.ResponseExcerpt : null;
        return ServiceResult<WebhookTestResult>.Ok(new WebhookTestResult(result.Succeeded, result.StatusCode, result.LatencyMs, excerpt, result.Error));
    }

    /// <summary>Queues again the endpoint's events of [from, to) read from the event log (its filter applies).</summary>
    public async Task<ServiceResult<WebhookResendResult>> ResendAsync(string id, WebhookResendRequest request, string actor, string? tenantScope, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.From is null) errors.Add("from", "The start of the range is required.");
        if (request.To is null) errors.Add("to", "The end of the range is required.");
        else if (request.From is { } f && request.To <= f) errors.Add("to", "The end must be after the start.");
        if (!errors.IsValid) return errors.ToResult<WebhookResendResult>();
        var entity = await FindAsync(id, tenantScope, ct);
        if (entity is null) return Missing<WebhookResendResult>(id);
        var log = eventLog;
        var max = Math.Max(1, options.Value.MaxResendEvents);
        var query = new EventQuery { Tenant = WebhookScopes.IsSystem(entity.TenantId) ? null : entity.TenantId, From = request.From, To = request.To, Types = WebhookEventTypes.Parse(entity.EventTypes), Limit = max + 1 };
        var found = await log.SearchAsync(query, ct);
        var events = found.Take(max).OrderBy(e => e.Timestamp).ToList();
        var queued = dispatcher.EnqueueFor(id, events);
        var result = new WebhookResendResult(queued, found.Count > max);
        // Resending queues events in the dispatcher's memory; no row of the database changes.
        await audit.RecordAsync(actor, "webhook.resend", id, null, new { request.From, request.To, result.Queued }, ct);
        return ServiceResult<WebhookResendResult>.Ok(result);
    }

    public async Task<ServiceResult<IReadOnlyList<WebhookDeliveryResponse>>> DeliveriesAsync(string id, int take, string? tenantScope, CancellationToken ct = default)
    {
        if (await FindAsync(id, tenantScope, ct) is null) return Missing<IReadOnlyList<WebhookDeliveryResponse>>(id);
        var rows = await deliveryLog.ListAsync(id, take, ct);
        return ServiceResult<IReadOnlyList<WebhookDeliveryResponse>>.Ok(rows.Select(d => new WebhookDeliveryResponse(
            d.Id, d.At, d.Attempt, d.EventCount, d.IsTest, d.Succeeded, d.StatusCode, d.LatencyMs, d.RequestExcerpt, tenantScope is null ? d.ResponseExcerpt : null, d.Error)).ToList());
    }

    /// <summary>Field errors for the URL ("url") and the filter ("eventTypes"). With a <paramref name="guard"/>, a URL whose
    /// host is a literal address (any spelling) or a localhost name the guard refuses is an error at once; names that
    /// resolve to refused addresses are caught by the guard at connection time.</summary>
    public static FieldErrors Validate(WebhookRequest request, out string url, out IReadOnlyList<MtaEventType> types, OutboundHttpGuard? guard = null)
    {
        var errors = new FieldErrors();
        url = request.Url?.Trim() ?? "";
        if (url.Length == 0) errors.Add("url", "The URL is required.");
        else if (url.Length > 2048) errors.Add("url", "The URL is longer than 2048 characters.");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
            errors.Add("url", "The URL must be an absolute http:// or https:// URL.");
        else if (uri.UserInfo.Length > 0) errors.Add("url", "The URL must not contain a user name or password.");
        else if (guard is not null && BlockedHost(uri, guard) is { } blocked) errors.Add("url", blocked);
        var parsed = new List<MtaEventType>();
        if (request.EventTypes is not { Count: > 0 }) errors.Add("eventTypes", "Choose at least one event type.");
        else
        {
            foreach (var text in request.EventTypes)
            {
                if (WebhookEventTypes.TryParse(text, out var t)) parsed.Add(t);
                else errors.Add("eventTypes", $"Unknown event type '{text}'. Allowed: {string.Join(", ", WebhookEventTypes.All)}.");
            }
        }
        types = parsed;
        return errors;
    }

    /// <summary>Why the URL's literal host is refused by the outbound guard, or null (a name is judged when connecting).</summary>
    private static string? BlockedHost(Uri uri, OutboundHttpGuard guard)
    {
        var host = uri.Host.Trim('[', ']').TrimEnd('.');
        IPAddress? address = null;
        // RFC 6761 §6.3: "localhost" and its subdomains are loopback.
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (IPAddress.TryParse(host, out var literal)) address = literal; // also "2130706437", "0x7f.1", "127.1"
        if (address is null || guard.RefusalReason(address) is not { } reason) return null;
        return $"The URL's host {uri.Host} is {address}, a {reason} address: webhooks cannot reach it. "
            + $"An administrator can allow internal receivers with {OutboundHttpOptions.Section}:AllowedNetworks.";
    }

    private WebhookResponse ToResponse(WebhookEndpoint e) => new(
        e.Id, e.TenantId, e.Url, WebhookEventTypes.Parse(e.EventTypes).Order().Select(t => t.ToString()).ToList(), e.Enabled, e.CreatedAt, e.UpdatedAt,
        e.FailingSince, e.DisabledAt, e.DisabledReason, e.LastSuccessAt, e.DroppedEvents, dispatcher.BacklogOf(e.Id).Events);

    private async Task<WebhookEndpoint?> FindAsync(string id, string? tenantScope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Endpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return entity is not null && Visible(entity, tenantScope) ? entity : null;
    }

    private async Task<bool> TenantVisibleAsync(string tenantId, string? tenantScope, CancellationToken ct)
    {
        if (tenantScope is not null && !string.Equals(tenantScope, tenantId, StringComparison.Ordinal)) return false;
        await using var db = await applianceDb.CreateDbContextAsync(ct);
        return await db.Tenants.AnyAsync(t => t.Id == tenantId, ct);
    }

    private static bool Visible(WebhookEndpoint e, string? tenantScope) =>
        tenantScope is null || string.Equals(e.TenantId, tenantScope, StringComparison.Ordinal);

    private static ServiceResult<T> Missing<T>(string id) => ServiceResult<T>.NotFound($"Webhook '{id}' does not exist.");
}
