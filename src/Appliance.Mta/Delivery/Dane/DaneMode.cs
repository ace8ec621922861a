namespace Appliance.Mta.Delivery.Dane;

/// <summary>What DANE asks of the connection to one MX host (RFC 7672 §2.2).</summary>
public enum DaneMode
{
    /// <summary>Usable TLSA records: STARTTLS required and the certificate must match them.</summary>
    Authenticated = 0,

    /// <summary>A secure TLSA RRset with no usable record: STARTTLS required, the certificate not checked (RFC 7672 §2.2).</summary>
    EncryptOnly = 1,
}
