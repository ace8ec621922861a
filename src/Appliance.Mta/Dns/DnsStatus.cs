namespace Appliance.Mta.Dns;

/// <summary>How a DNS lookup ended. <see cref="ServerFailure"/> and <see cref="Timeout"/> are transient.</summary>
public enum DnsStatus
{
    /// <summary>The name exists and has records of the asked type.</summary>
    Ok = 0,
    /// <summary>RCODE 3 (RFC 1035 §4.1.1): the name does not exist; permanent.</summary>
    NxDomain = 1,
    /// <summary>The name exists but has no records of the asked type (RFC 2308 §2.2 NODATA).</summary>
    NoData = 2,
    /// <summary>SERVFAIL, REFUSED or another server-side error; transient.</summary>
    ServerFailure = 3,
    /// <summary>No answer in time; transient.</summary>
    Timeout = 4,
}
