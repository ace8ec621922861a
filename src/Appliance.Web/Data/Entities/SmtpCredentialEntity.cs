namespace Appliance.Web.Data.Entities;

/// <summary>A stored SMTP AUTH identity. Only the SCRAM secret (salted PBKDF2) is kept, never the password.</summary>
public sealed class SmtpCredentialEntity
{
    public int Id { get; set; }

    public required string TenantId { get; set; }

    public Tenant? Tenant { get; set; }

    public required string Username { get; set; }

    /// <summary><see cref="Appliance.Mta.Security.ScramSecret.Serialize"/> form.</summary>
    public required string Secret { get; set; }

    /// <summary>Pinned stream ("transactional" / "marketing"), or null.</summary>
    public string? Stream { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
