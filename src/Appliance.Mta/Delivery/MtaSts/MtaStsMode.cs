namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The policy mode (RFC 8461 §3.2, §5).</summary>
public enum MtaStsMode
{
    /// <summary>"none": the domain withdrew its policy; deliver as without MTA-STS.</summary>
    None = 0,
    /// <summary>
    /// "testing": deliver as usual, but check MX names and certificates and report failures through TLS-RPT (RFC 8461
    /// §5).
    /// </summary>
    Testing = 1,
    /// <summary>
    /// "enforce": deliver only to policy MX hosts over STARTTLS with a certificate valid for the MX name, else defer
    /// (RFC 8461 §5).
    /// </summary>
    Enforce = 2,
}
