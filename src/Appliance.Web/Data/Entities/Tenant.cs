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

    /// <summary>At most this many messages accepted per UTC clock hour; null = unlimited.</summary>
    public int? HourlyMessageLimit { get; set; }

    /// <summary>At most this many messages accepted per UTC day; null = unlimited.</summary>
    public int? DailyMessageLimit { get; set; }

    public List<SmtpCredentialEntity> SmtpCredentials { get; set; } = [];
}
