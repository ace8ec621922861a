namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>TLS outcomes of one policy domain: successful sessions and failures by RFC 8460 §4.3 result type
/// (<see cref="Failures"/>), the same failures per receiving MX (<see cref="Details"/>), and the policy applied.</summary>
public sealed record TlsReportCounters(string PolicyDomain, string PolicyType, long SuccessCount, IReadOnlyDictionary<string, long> Failures,
    IReadOnlyList<TlsFailureDetail> Details)
{
    /// <summary>Failed sessions of all result types together (RFC 8460 §4.4 total-failure-session-count).</summary>
    public long FailureCount => Failures.Values.Sum();

    /// <summary>The MTA-STS policy last applied, or null (a fetch failure, no policy).</summary>
    public MtaStsPolicy? Policy { get; init; }

    /// <summary>The TLSA records applied under DANE (policy-type "tlsa"), or null.</summary>
    public IReadOnlyList<string>? TlsaRecords { get; init; }
}
