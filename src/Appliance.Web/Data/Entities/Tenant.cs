using Appliance.Mta.Messages;

namespace Appliance.Web.Data.Entities;

/// <summary>A customer of the appliance: owns SMTP credentials, API keys and queued mail.</summary>
public sealed class Tenant
{
    /// <summary>The id the engine uses (MessageEnvelope.TenantId); a slug of the name, e.g. "acme-corp".</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    /// <summary>False turns off bounce DSNs to this tenant's senders.</summary>
    public bool DsnEnabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>At most this many messages accepted in the last 60 minutes (sliding); null = unlimited.</summary>
    public int? HourlyMessageLimit { get; set; }

    /// <summary>At most this many messages accepted in the last 24 hours (sliding); null = unlimited.</summary>
    public int? DailyMessageLimit { get; set; }

    /// <summary>At most this many messages accepted per calendar month (UTC); null = unlimited.</summary>
    public int? MonthlyMessageLimit { get; set; }

    /// <summary>At most this many recipients per message; null = the listener's limit only.</summary>
    public int? MaxRecipientsPerMessage { get; set; }

    /// <summary>At most this many bytes per message; null = the listener's limit only.</summary>
    public long? MaxMessageSizeBytes { get; set; }

    /// <summary>At most this many messages per UTC day from each sending (MAIL FROM) domain; null = unlimited.</summary>
    public int? DomainDailyMessageLimit { get; set; }

    public List<SmtpCredentialEntity> SmtpCredentials { get; set; } = [];
}
