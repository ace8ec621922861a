namespace Appliance.Mta.Dns.Spf;

/// <summary>The results of check_host() (RFC 7208 §2.6).</summary>
public enum SpfResult
{
    None = 0,
    Neutral = 1,
    Pass = 2,
    Fail = 3,
    SoftFail = 4,
    /// <summary>Transient DNS error (RFC 7208 §2.6.6).</summary>
    TempError = 5,
    /// <summary>The record cannot be interpreted (RFC 7208 §2.6.7).</summary>
    PermError = 6,
}
