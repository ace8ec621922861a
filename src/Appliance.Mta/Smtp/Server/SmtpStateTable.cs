namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// The session state machine as data: for each state, the commands that are legal in it and the
/// reply for an illegal one (503 5.5.1, RFC 5321 §4.1.4). Guards that depend on more than the state
/// (TLS active, authenticated, listener kind) live in the command handlers and are listed here:
/// <list type="bullet">
/// <item>STARTTLS: only when not yet TLS and a certificate exists (RFC 3207 §4).</item>
/// <item>AUTH: not when already authenticated (RFC 4954 §4); needs TLS unless the client is in RelayHosts.</item>
/// <item>MAIL: submission and smtps listeners need AUTH first (RFC 6409 §4.1, RFC 4954 §6: 530 5.7.0).</item>
/// <item>RCPT: needs AUTH or a RelayHosts client (never an open relay: 550 5.7.1).</item>
/// <item>DATA: not with BODY=BINARYMIME (RFC 3030 §3), not after BDAT in the same transaction.</item>
/// </list>
/// Transitions: EHLO/HELO/RSET → Ready (transaction cleared); MAIL → MailGiven; RCPT → RcptGiven;
/// BDAT (not LAST) → Chunking; DATA end / BDAT LAST / failure → Ready; STARTTLS → Connected.
/// </summary>
internal static class SmtpStateTable
{
    private const int Always = (1 << (int)SmtpCommand.Noop) | (1 << (int)SmtpCommand.Quit) | (1 << (int)SmtpCommand.Rset)
        | (1 << (int)SmtpCommand.Help) | (1 << (int)SmtpCommand.Vrfy) | (1 << (int)SmtpCommand.Expn);

    private const int Greeting = (1 << (int)SmtpCommand.Ehlo) | (1 << (int)SmtpCommand.Helo);

    private static readonly int[] Allowed =
    [
        // Connected: only a greeting (and the always-legal commands).
        Always | Greeting,
        // Ready: start a transaction, negotiate TLS or AUTH, or greet again.
        Always | Greeting | (1 << (int)SmtpCommand.Mail) | (1 << (int)SmtpCommand.StartTls) | (1 << (int)SmtpCommand.Auth),
        // MailGiven: recipients.
        Always | Greeting | (1 << (int)SmtpCommand.Rcpt),
        // RcptGiven: more recipients or the content.
        Always | Greeting | (1 << (int)SmtpCommand.Rcpt) | (1 << (int)SmtpCommand.Data) | (1 << (int)SmtpCommand.Bdat),
        // Chunking: only more chunks (RFC 3030 §2); RSET aborts.
        Always | (1 << (int)SmtpCommand.Bdat),
    ];

    /// <summary>True when <paramref name="command"/> may be given in <paramref name="state"/>.</summary>
    public static bool IsAllowed(SmtpSessionState state, SmtpCommand command) =>
        command != SmtpCommand.Unknown && (Allowed[(int)state] & (1 << (int)command)) != 0;

    /// <summary>The 503 reply explaining what the state expects.</summary>
    public static Protocol.WireReply OutOfSequence(SmtpSessionState state, SmtpCommand command) => (state, command) switch
    {
        (SmtpSessionState.Connected, _) => Protocol.SmtpReplies.SendHeloFirst,
        (SmtpSessionState.Ready, SmtpCommand.Rcpt or SmtpCommand.Data or SmtpCommand.Bdat) => Protocol.SmtpReplies.NeedMail,
        (SmtpSessionState.MailGiven, SmtpCommand.Data or SmtpCommand.Bdat) => Protocol.SmtpReplies.NeedRcpt,
        (SmtpSessionState.MailGiven or SmtpSessionState.RcptGiven, SmtpCommand.Mail) => Protocol.SmtpReplies.NestedMail,
        (SmtpSessionState.MailGiven or SmtpSessionState.RcptGiven, SmtpCommand.Auth) => Protocol.SmtpReplies.AuthInTransaction,
        (SmtpSessionState.Chunking, SmtpCommand.Data) => Protocol.SmtpReplies.DataAfterBdat,
        _ => Protocol.SmtpReplies.BadSequence,
    };
}
