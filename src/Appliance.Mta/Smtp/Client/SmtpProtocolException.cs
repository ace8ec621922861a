namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// The peer broke the protocol (malformed or oversized reply, data after the STARTTLS 220, an unexpected reply):
/// the link cannot be trusted and is not reused. "Peer said no" is a reply, never this exception.
/// </summary>
public sealed class SmtpProtocolException : Exception
{
    /// <summary>A protocol violation without details.</summary>
    public SmtpProtocolException() { }

    /// <summary>
    /// A protocol violation described by <paramref name="message"/> (what the peer sent that was wrong).
    /// </summary>
    public SmtpProtocolException(string message) : base(message) { }

    /// <summary>
    /// A protocol violation described by <paramref name="message"/>, caused by <paramref name="inner"/>.
    /// </summary>
    public SmtpProtocolException(string message, Exception inner) : base(message, inner) { }
}
