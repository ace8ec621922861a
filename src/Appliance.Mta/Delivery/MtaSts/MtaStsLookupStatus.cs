namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>What a policy lookup found (the VALID / NONE / FETCH_ERROR of the resolver test bed).</summary>
public enum MtaStsLookupStatus
{
    /// <summary>No (valid) _mta-sts record and nothing cached: deliver as without MTA-STS.</summary>
    NoPolicy = 0,
    /// <summary>A policy is in force (fresh or cached).</summary>
    Valid = 1,
    /// <summary>A record exists but no policy could be obtained and none is cached (RFC 8461 §5: deliver as without).</summary>
    FetchError = 2,
}
