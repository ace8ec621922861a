using Appliance.Mta.Dns;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>The typed result of one DNSSEC-aware lookup: the DNS status, the security status and the records
/// (empty unless <see cref="DnsStatus.Ok"/>).</summary>
public sealed record SecureAnswer<T>(DnsStatus Status, DnssecStatus Security, IReadOnlyList<T> Records)
{
    /// <summary>An answer (records or a denial) the validator proved: RFC 7672 §2.1.1 "secure".</summary>
    public bool IsSecure => Security == DnssecStatus.Secure && Status is DnsStatus.Ok or DnsStatus.NoData or DnsStatus.NxDomain;

    /// <summary>
    /// An answer with <paramref name="status"/> and <paramref name="security"/>; <paramref name="records"/> are kept
    /// only when the status is <see cref="DnsStatus.Ok"/>.
    /// </summary>
    public static SecureAnswer<T> Of(DnsStatus status, DnssecStatus security, IReadOnlyList<T>? records = null) =>
        new(status, security, status == DnsStatus.Ok ? records ?? [] : []);
}
