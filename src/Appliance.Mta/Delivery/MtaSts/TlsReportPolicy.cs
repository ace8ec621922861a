namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The "policies" entry of a TLS report (RFC 8460 §4.4): the policy applied, the session summary and the
/// failure details.</summary>
public sealed record TlsReportPolicy(
    string PolicyType,
    string PolicyDomain,
    IReadOnlyList<string> PolicyStrings,
    IReadOnlyList<string> MxHosts,
    long SuccessCount,
    IReadOnlyList<TlsFailureDetail> FailureDetails)
{
    /// <summary>Failed sessions across all failure details (RFC 8460 §4.4 total-failure-session-count).</summary>
    public long FailureCount => FailureDetails.Sum(d => d.Count);
}
