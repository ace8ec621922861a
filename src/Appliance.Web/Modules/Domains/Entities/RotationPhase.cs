namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>Where a domain's key rotation is (see <see cref="Rotation.RotationSteps"/> for the transitions).</summary>
public enum RotationPhase
{
    /// <summary>Only active keys; the next rotation is scheduled.</summary>
    Stable,
    /// <summary>Steps 1-3: pending keys generated, their records shown, waiting to see them in DNS.</summary>
    AwaitingPublication,
    /// <summary>Steps 4-5: signing with the new keys; the old records stay published until the grace period ends.</summary>
    GracePeriod,
}
