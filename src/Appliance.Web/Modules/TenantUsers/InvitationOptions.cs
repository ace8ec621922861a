namespace Appliance.Web.Modules.TenantUsers;

/// <summary>Invitations of tenant users ("Appliance:Invitations").</summary>
public sealed class InvitationOptions
{
    public const string Section = "Appliance:Invitations";

    /// <summary>
    /// The public base of the admin panel the link points at (<c>{base}/account/invitation/{token}</c>), e.g.
    /// <c>https://mail.example.com</c>. Null: Appliance:Suppressions:PublicBaseUrl; neither set: invitations are refused
    /// with a message saying so (a link to an unknown host helps nobody).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Sender (From: and MAIL FROM); null: appliance-invitations@ the host name.</summary>
    public string? From { get; set; }

    /// <summary>How long a link stays valid. 72 hours: a long weekend, short enough that a forgotten mail goes stale.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(72);
}
