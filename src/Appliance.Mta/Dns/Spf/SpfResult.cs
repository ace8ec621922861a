namespace Appliance.Mta.Dns.Spf;

/// <summary>The results of check_host() (RFC 7208 §2.6).</summary>
public enum SpfResult
{
    /// <summary>No record, or no valid domain to check (RFC 7208 §2.6.1).</summary>
    None = 0,
    /// <summary>The domain makes no assertion about this client (?all, §2.6.2).</summary>
    Neutral = 1,
    /// <summary>The client is authorised (§2.6.3).</summary>
    Pass = 2,
    /// <summary>The client is not authorised (-all, §2.6.4).</summary>
    Fail = 3,
    /// <summary>Probably not authorised, but no strong statement (~all, §2.6.5).</summary>
    SoftFail = 4,
    /// <summary>Transient DNS error (RFC 7208 §2.6.6).</summary>
    TempError = 5,
    /// <summary>The record cannot be interpreted (RFC 7208 §2.6.7).</summary>
    PermError = 6,
}
