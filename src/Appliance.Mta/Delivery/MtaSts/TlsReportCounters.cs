namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>TLS outcomes of one policy domain: successful sessions and failures by RFC 8460 §4.3 result type.</summary>
public sealed record TlsReportCounters(string PolicyDomain, string PolicyType, long SuccessCount, IReadOnlyDictionary<string, long> Failures)
{
    public long FailureCount => Failures.Values.Sum();
}
