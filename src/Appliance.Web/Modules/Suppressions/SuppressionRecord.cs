using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>A stored suppression (table Suppressions): one per (address, scope, scope key), with its source event.</summary>
public sealed class SuppressionRecord
{
    public long Id { get; set; }
    public required string Address { get; set; }
    public SuppressionScope Scope { get; set; }
    /// <summary>Tenant id, sender domain, or "" for the global scope.</summary>
    public string ScopeKey { get; set; } = "";
    public SuppressionReason Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The event type that caused it (Bounce, Oob, Feedback, Unsubscribe, Expiration) or "manual"/"import".</summary>
    public string? SourceType { get; set; }
    public string? SourceMessageId { get; set; }
    public string? SourceResponse { get; set; }

    public SuppressionEntry ToEntry() => new(Address, Scope, ScopeKey, Reason, CreatedAt, ExpiresAt, SourceType, SourceMessageId, SourceResponse);

    public void CopyFrom(SuppressionEntry e)
    {
        Reason = e.Reason;
        CreatedAt = e.CreatedAt;
        ExpiresAt = e.ExpiresAt;
        SourceType = e.SourceType;
        SourceMessageId = e.SourceMessageId;
        SourceResponse = e.SourceResponse;
    }
}
