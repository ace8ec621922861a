namespace Appliance.Mta.Dns.Dmarc;

/// <summary>adkim= / aspf= (RFC 7489 §3.1, §6.3): relaxed compares organisational domains, strict exact names.</summary>
public enum DmarcAlignmentMode
{
    /// <summary>"r": the organisational domains must match (RFC 7489 §3.1.1, §3.1.2); the default.</summary>
    Relaxed = 0,
    /// <summary>"s": the domains must be identical.</summary>
    Strict = 1,
}
