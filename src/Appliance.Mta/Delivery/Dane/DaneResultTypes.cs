namespace Appliance.Mta.Delivery.Dane;

/// <summary>RFC 8460 §4.3 result types and the §4.4 policy-type a DANE session is reported with.</summary>
public static class DaneResultTypes
{
    /// <summary>RFC 8460 §4.4 policy-type of a session under DANE.</summary>
    public const string PolicyType = "tlsa";

    /// <summary>§4.3.2.1: no TLSA record of the RRset matched the certificate chain.</summary>
    public const string TlsaInvalid = "tlsa-invalid";

    /// <summary>§4.3.2.1: the validating resolver returned no valid records (a bogus answer).</summary>
    public const string DnssecInvalid = "dnssec-invalid";

    /// <summary>§4.3.2.1: DANE required TLS the server did not give (no STARTTLS, or STARTTLS refused).</summary>
    public const string DaneRequired = "dane-required";

    /// <summary>§4.3.1: a DANE-TA chain whose end-entity names neither the MX host nor the domain (RFC 7672 §3.2.2).</summary>
    public const string CertificateHostMismatch = "certificate-host-mismatch";

    /// <summary>§4.3.1: a DANE-TA chain with a certificate outside its validity (RFC 7672 §3.1.2).</summary>
    public const string CertificateExpired = "certificate-expired";
}
