namespace Appliance.Mta.Dns.Spf;

/// <summary>
/// Outcome of check_host(): the result, the expanded exp= text for a fail (null when there is none),
/// and a human-readable reason (which term matched, or what went wrong).
/// </summary>
public sealed record SpfCheckResult(SpfResult Result, string? Explanation, string Reason);
