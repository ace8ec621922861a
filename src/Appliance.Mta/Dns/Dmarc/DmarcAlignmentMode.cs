namespace Appliance.Mta.Dns.Dmarc;

/// <summary>adkim= / aspf= (RFC 7489 §3.1, §6.3): relaxed compares organisational domains, strict exact names.</summary>
public enum DmarcAlignmentMode
{
    Relaxed = 0,
    Strict = 1,
}
