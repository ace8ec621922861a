namespace Appliance.Mta.Suppression;

/// <summary>Why an address is suppressed; each reason has its own lifetime (<see cref="SuppressionOptions"/>).</summary>
public enum SuppressionReason
{
    HardBounce,
    /// <summary>Repeated soft bounces (the message expired after retries): temporary by default.</summary>
    SoftBounce,
    Complaint,
    Unsubscribe,
    Manual,
    SpamTrap,
}
