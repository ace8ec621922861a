namespace Appliance.Web.Modules.Domains.Services;

/// <summary>What DNS says about one selector's key record.</summary>
public enum DkimRecordState
{
    /// <summary>A TXT record at the selector carries the expected public key.</summary>
    Published,
    /// <summary>No TXT record (NXDOMAIN or NODATA), or none that is a DKIM key record.</summary>
    Missing,
    /// <summary>A DKIM key record is there, with another public key (or revoked, p= empty).</summary>
    Different,
    /// <summary>SERVFAIL or timeout: try again later.</summary>
    LookupFailed,
}
