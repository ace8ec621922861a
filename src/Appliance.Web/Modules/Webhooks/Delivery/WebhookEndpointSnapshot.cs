using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>What the dispatcher holds in memory about an endpoint (the secret in clear, for signing).</summary>
public sealed record WebhookEndpointSnapshot(
    string Id, string TenantId, string Url, string Secret, IReadOnlySet<MtaEventType> Types, bool Enabled, DateTimeOffset? FailingSince)
{
    /// <summary>A system endpoint wants every tenant's events and those without a tenant; a tenant endpoint its own.</summary>
    public bool Wants(MtaEvent e) =>
        Enabled && Types.Contains(e.Type) && (IsSystem || string.Equals(e.Tenant, TenantId, StringComparison.Ordinal));

    public bool IsSystem => WebhookScopes.IsSystem(TenantId);
}
