namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// The peer broke the protocol (malformed or oversized reply, data after the STARTTLS 220, an unexpected reply):
/// the link cannot be trusted and is not reused. "Peer said no" is a reply, never this exception.
/// </summary>
public sealed class SmtpProtocolException : Exception
{
    public SmtpProtocolException() { }

    public SmtpProtocolException(string message) : base(message) { }

    public SmtpProtocolException(string message, Exception inner) : base(message, inner) { }
}
