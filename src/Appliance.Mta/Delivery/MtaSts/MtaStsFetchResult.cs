namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// A policy fetch: the policy and its body, or the failure with its RFC 8460 §4.3 result type
/// ("sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid").
/// </summary>
public sealed record MtaStsFetchResult(MtaStsPolicy? Policy, string? Body, string? ResultType, string? Error)
{
    /// <summary>
    /// A failed fetch: <paramref name="resultType"/> is the RFC 8460 §4.3 result type for TLS-RPT, <paramref
    /// name="error"/> the human-readable reason.
    /// </summary>
    public static MtaStsFetchResult Failed(string resultType, string error) => new(null, null, resultType, error);
}
