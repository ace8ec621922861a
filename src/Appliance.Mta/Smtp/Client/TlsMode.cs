namespace Appliance.Mta.Smtp.Client;

/// <summary>How an outbound connection uses TLS.</summary>
public enum TlsMode
{
    /// <summary>STARTTLS when offered, plaintext otherwise; certificate not verified (RFC 7435 opportunistic).</summary>
    Opportunistic = 0,
    /// <summary>Never STARTTLS.</summary>
    Disabled = 1,
    /// <summary>STARTTLS required with a valid certificate; failure is transient.</summary>
    Required = 2,
    /// <summary>Implicit TLS on connect (RFC 8314).</summary>
    Implicit = 3,
}
