namespace Appliance.Mta.Dns.Dmarc;

/// <summary>The requested handling policy, tags p= and sp= (RFC 7489 §6.3).</summary>
public enum DmarcPolicy
{
    /// <summary>"none": monitor only; the receiver takes no action on failing mail.</summary>
    None = 0,
    /// <summary>"quarantine": treat failing mail as suspicious (spam folder).</summary>
    Quarantine = 1,
    /// <summary>"reject": refuse failing mail during the SMTP transaction.</summary>
    Reject = 2,
}
