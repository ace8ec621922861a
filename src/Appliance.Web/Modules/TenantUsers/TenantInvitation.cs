namespace Appliance.Web.Modules.TenantUsers;

/// <summary>
/// An invitation to become a user of one tenant: a one-time link whose token is stored only as its SHA-256 hash,
/// valid until <see cref="ExpiresAt"/> and used at most once (<see cref="AcceptedAt"/>).
/// </summary>
public sealed class TenantInvitation
{
    public int Id { get; set; }

    public required string TenantId { get; set; }

    public required string Email { get; set; }

    /// <summary>TenantAdmin or TenantViewer.</summary>
    public required string Role { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was used; null while it is open.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The audit actor who invited ("user:admin@example.com", "api:key name").</summary>
    public required string InvitedBy { get; set; }
}
