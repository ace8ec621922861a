namespace Appliance.Mta.Suppression;

/// <summary>Why an address is suppressed; each reason has its own lifetime (<see cref="SuppressionOptions"/>).</summary>
public enum SuppressionReason
{
    /// <summary>
    /// A permanent failure that names the mailbox (user unknown, mailbox disabled, bad domain): permanent by default.
    /// </summary>
    HardBounce,
    /// <summary>Repeated soft bounces (the message expired after retries): temporary by default.</summary>
    SoftBounce,
    /// <summary>The recipient complained (an ARF feedback report, RFC 5965).</summary>
    Complaint,
    /// <summary>The recipient unsubscribed (RFC 8058 one-click or a mail to the unsubscribe address).</summary>
    Unsubscribe,
    /// <summary>An administrator or API caller added the address.</summary>
    Manual,
    /// <summary>The address is a known spam trap.</summary>
    SpamTrap,
}
