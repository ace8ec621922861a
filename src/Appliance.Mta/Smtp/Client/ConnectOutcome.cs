namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Either a ready connection or why there is none. <see cref="Permanent"/> means the peer refused for good
/// (5xx greeting or HELO): every recipient for this host fails; otherwise the host may be retried or the next one tried.
/// </summary>
public sealed record ConnectOutcome(SmtpClientConnection? Connection, SmtpReply? Failure, bool Permanent)
{
    /// <summary>True when <see cref="Connection"/> is ready for a transaction.</summary>
    public bool Succeeded => Connection is not null;

    /// <summary>A connection that got through greeting, EHLO and (where required) STARTTLS.</summary>
    public static ConnectOutcome Success(SmtpClientConnection connection) => new(connection, null, false);

    /// <summary>
    /// No usable connection: <paramref name="reply"/> says why (the peer's reply, or a synthesised 4xx for a network
    /// failure); <paramref name="permanent"/> when the peer refused with 5xx.
    /// </summary>
    public static ConnectOutcome Failed(SmtpReply reply, bool permanent) => new(null, reply, permanent);
}
