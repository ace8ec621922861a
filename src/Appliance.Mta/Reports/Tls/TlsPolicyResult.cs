namespace Appliance.Mta.Reports.Tls;

/// <summary>One policies[] entry (RFC 8460 §4.4): the policy applied to a domain and its session counts.</summary>
/// <param name="PolicyType">sts, tlsa or no-policy-found (others are kept as written, lower case).</param>
public sealed record TlsPolicyResult(
    string PolicyType,
    string PolicyDomain,
    IReadOnlyList<string> PolicyStrings,
    IReadOnlyList<string> MxHosts,
    long TotalSuccessfulSessions,
    long TotalFailureSessions,
    IReadOnlyList<TlsFailureDetail> FailureDetails);
