namespace Appliance.Web.Modules.Webhooks.Data;

/// <summary>One webhook endpoint of a tenant.</summary>
public sealed class WebhookEndpoint
{
    public required string Id { get; set; }

    public required string TenantId { get; set; }

    public required string Url { get; set; }

    /// <summary>The signing secret under ASP.NET Data Protection (it is needed in clear to sign, so it is not hashed).</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>Comma-separated <see cref="Appliance.Mta.Events.MtaEventType"/> names the endpoint receives.</summary>
    public required string EventTypes { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Start of the current run of failed attempts; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Set when the appliance disabled the endpoint after <see cref="WebhookOptions.FailurePeriod"/>.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Events dropped from the backlog because it hit its cap.</summary>
    public long DroppedEvents { get; set; }
}
