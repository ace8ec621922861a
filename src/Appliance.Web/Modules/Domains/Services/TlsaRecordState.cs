namespace Appliance.Web.Modules.Domains.Services;

/// <summary>What DNS publishes at <c>_25._tcp.&lt;our MX&gt;</c> compared with the listeners' current key.</summary>
public enum TlsaRecordState
{
    /// <summary>No TLSA record (NXDOMAIN or NODATA): DANE senders deliver as before, DANE is simply not in use.</summary>
    Absent,

    /// <summary>At least one DANE-EE record matches the current certificate.</summary>
    Matches,

    /// <summary>Records are published and none matches the current certificate: DANE senders defer mail to us.</summary>
    Mismatch,

    /// <summary>Only records that cannot be judged from the leaf certificate (DANE-TA, PKIX usages, unparsable).</summary>
    Unjudged,

    /// <summary>The lookup failed (SERVFAIL, timeout); retried at the next check.</summary>
    LookupFailed,
}
