namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// The DNSSEC security status of an answer as a validating resolver reports it (RFC 4035 §4.3): the AD bit of a
/// trusted resolver (RFC 6698 §4.1, RFC 7672 §2.1.1) decides between <see cref="Secure"/> and <see cref="Insecure"/>.
/// </summary>
public enum DnssecStatus
{
    /// <summary>Validated from a trust anchor (AD bit set).</summary>
    Secure = 0,

    /// <summary>Provably unsigned, or the resolver is not trusted to validate (no AD bit).</summary>
    Insecure = 1,

    /// <summary>Validation failed: the validator answered SERVFAIL but the data exists (a checking-disabled query succeeds).</summary>
    Bogus = 2,

    /// <summary>No answer to judge (SERVFAIL or timeout even with checking disabled).</summary>
    Indeterminate = 3,
}
