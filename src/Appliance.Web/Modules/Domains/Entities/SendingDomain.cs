namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>
/// A tenant's sending (From:) domain with its DKIM signing choice, its return-path (bounce) domain and the state of
/// its key rotation. The keys are <see cref="DkimKey"/> rows.
/// </summary>
public sealed class SendingDomain
{
    public int Id { get; set; }

    /// <summary>Lower-case A-label domain name; unique across tenants (a domain has one owner).</summary>
    public required string Name { get; set; }

    /// <summary>The owning tenant's id (a plain column: tenants live in the core context).</summary>
    public required string TenantId { get; set; }

    public DkimAlgorithmChoice Algorithm { get; set; } = DkimAlgorithmChoice.Rsa;

    /// <summary>The MAIL FROM domain used for this domain's mail (read by the bounces module).</summary>
    public required string ReturnPathDomain { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public RotationPhase Phase { get; set; } = RotationPhase.Stable;

    /// <summary>When the scheduled rotation starts next (Stable phase).</summary>
    public DateTimeOffset NextRotationAt { get; set; }

    /// <summary>When the current rotation started (step 1); null when none ever ran.</summary>
    public DateTimeOffset? RotationStartedAt { get; set; }

    /// <summary>The new record must be published by then, or an alert fires.</summary>
    public DateTimeOffset? PublishDeadline { get; set; }

    /// <summary>When the pending keys were seen in DNS (step 3).</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>When signing switched to the new keys (step 4).</summary>
    public DateTimeOffset? SwitchedAt { get; set; }

    /// <summary>End of the grace period: the old keys are retired after it (steps 5 and 6).</summary>
    public DateTimeOffset? GraceEndsAt { get; set; }

    /// <summary>When the previous rotation finished by retiring the old keys (step 6).</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Set when the publish deadline passed without the record in DNS (the UI badge); cleared on switch.</summary>
    public DateTimeOffset? AlertRaisedAt { get; set; }

    public List<DkimKey> Keys { get; set; } = [];
}
