namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Either a ready connection or why there is none. <see cref="Permanent"/> means the peer refused for good
/// (5xx greeting or HELO): every recipient for this host fails; otherwise the host may be retried or the next one tried.
/// </summary>
public sealed record ConnectOutcome(SmtpClientConnection? Connection, SmtpReply? Failure, bool Permanent)
{
    public bool Succeeded => Connection is not null;

    public static ConnectOutcome Success(SmtpClientConnection connection) => new(connection, null, false);

    public static ConnectOutcome Failed(SmtpReply reply, bool permanent) => new(null, reply, permanent);
}
