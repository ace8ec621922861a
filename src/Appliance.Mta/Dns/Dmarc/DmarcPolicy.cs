namespace Appliance.Mta.Dns.Dmarc;

/// <summary>The requested handling policy, tags p= and sp= (RFC 7489 §6.3).</summary>
public enum DmarcPolicy
{
    None = 0,
    Quarantine = 1,
    Reject = 2,
}
