namespace Appliance.Mta.Smtp.Server;

/// <summary>The three inbound listeners and their policies.</summary>
public enum SmtpListenerKind
{
    /// <summary>Port-25 style: STARTTLS offered, AUTH optional, relaying for RelayHosts or AUTH.</summary>
    Relay,
    /// <summary>RFC 6409 submission: STARTTLS, AUTH required before MAIL.</summary>
    Submission,
    /// <summary>RFC 8314 implicit TLS submission: TLS from the first byte, AUTH required.</summary>
    Smtps,
}
