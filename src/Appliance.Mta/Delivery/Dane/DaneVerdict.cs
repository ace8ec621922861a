using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// The outcome of checking a server certificate against a usable TLSA RRset: verified (with the record that matched)
/// or not, with the RFC 8460 §4.3 result type for TLS-RPT and a reason for the 4.7.5 reply and the timeline.
/// </summary>
public sealed record DaneVerdict(bool Verified, string? ResultType, string Detail, TlsaRecord? Matched = null)
{
    /// <summary>
    /// The certificate matched <paramref name="matched"/>; <paramref name="detail"/> says how, for the timeline.
    /// </summary>
    public static DaneVerdict Success(TlsaRecord matched, string detail) => new(true, null, detail, matched);

    /// <summary>
    /// The certificate did not match: <paramref name="resultType"/> is the RFC 8460 §4.3 result type, <paramref
    /// name="detail"/> the reason for the 4.7.5 reply.
    /// </summary>
    public static DaneVerdict Failure(string resultType, string detail) => new(false, resultType, detail);
}
