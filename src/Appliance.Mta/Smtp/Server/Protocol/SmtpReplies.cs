namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>
/// The fixed replies of the server, each with an RFC 3463 enhanced status code (RFC 2034 §3: on
/// every reply except the greeting and the EHLO/HELO response).
/// </summary>
internal static class SmtpReplies
{
    public static readonly WireReply Ok = new(250, "2.0.0", "Ok");
    public static readonly WireReply SenderOk = new(250, "2.1.0", "Sender ok");
    public static readonly WireReply RecipientOk = new(250, "2.1.5", "Recipient ok");
    public static readonly WireReply ResetOk = new(250, "2.0.0", "Reset state");
    public static readonly WireReply NoopOk = new(250, "2.0.0", "Ok");
    public static readonly WireReply Bye = new(221, "2.0.0", "Bye");
    public static readonly WireReply StartData = new(new SmtpReply(354, (EnhancedStatusCode?)null, "End data with <CR><LF>.<CR><LF>"));
    public static readonly WireReply ReadyForTls = new(220, "2.0.0", "Ready to start TLS");
    public static readonly WireReply AuthSucceeded = new(235, "2.7.0", "Authentication successful");

    // RFC 5321 §3.5.3: VRFY may answer 252 when it will not verify.
    public static readonly WireReply VrfyCannot = new(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    public static readonly WireReply Help = new(new SmtpReply(214, Smtp.EnhancedStatusCode.Parse("2.0.0"),
        ["Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH", "See RFC 5321"]));

    // Syntax (RFC 5321 §4.2.2, RFC 3463 X.5.x).
    public static readonly WireReply UnknownCommand = new(500, "5.5.1", "Command unrecognized");
    public static readonly WireReply LineTooLong = new(500, "5.5.2", "Line too long"); // RFC 5321 §4.5.3.1.4
    public static readonly WireReply SyntaxError = new(501, "5.5.4", "Syntax error in parameters or arguments");
    public static readonly WireReply HeloSyntax = new(501, "5.5.4", "Syntax: EHLO domain-or-address-literal");
    public static readonly WireReply NoArgsAllowed = new(501, "5.5.4", "No parameters allowed");
    public static readonly WireReply BadSequence = new(503, "5.5.1", "Bad sequence of commands");
    public static readonly WireReply SendHeloFirst = new(503, "5.5.1", "Send EHLO/HELO first");
    public static readonly WireReply NeedMail = new(503, "5.5.1", "Need MAIL command");
    public static readonly WireReply NeedRcpt = new(503, "5.5.1", "Need RCPT command");
    public static readonly WireReply NestedMail = new(503, "5.5.1", "Sender already specified");
    public static readonly WireReply AlreadyTls = new(503, "5.5.1", "TLS already active");
    public static readonly WireReply AlreadyAuthenticated = new(503, "5.5.1", "Already authenticated");
    public static readonly WireReply AuthInTransaction = new(503, "5.5.1", "AUTH not allowed during a mail transaction");
    public static readonly WireReply DataAfterBdat = new(503, "5.5.1", "DATA not allowed after BDAT");
    public static readonly WireReply BinaryNeedsBdat = new(503, "5.5.1", "BODY=BINARYMIME requires BDAT"); // RFC 3030 §3
    public static readonly WireReply NotImplemented = new(502, "5.5.1", "Command not implemented");
    public static readonly WireReply UnknownParameter = new(555, "5.5.4", "Unsupported MAIL/RCPT parameter");
    public static readonly WireReply BadSenderSyntax = new(501, "5.1.7", "Bad sender address syntax");
    public static readonly WireReply BadRecipientSyntax = new(501, "5.1.3", "Bad recipient address syntax");
    public static readonly WireReply NullRecipient = new(553, "5.1.3", "Null recipient not allowed");
    public static readonly WireReply NonAsciiNeedsSmtpUtf8 = new(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"); // RFC 6531 §3.7.4.1
    public static readonly WireReply NoLocalMailboxes = new(550, "5.1.1", "No local mailboxes here");

    // Policy.
    public static readonly WireReply RelayDenied = new(550, "5.7.1", "Relaying denied");
    public static readonly WireReply MixedInboundAndRelay = new(452, "4.5.3", "Send inbound and relayed recipients in separate transactions");
    // Inbound:MaxMessageSize (RFC 1870 §6: 552 to a RCPT whose recipient takes less than the declared SIZE).
    public static readonly WireReply InboundSizeExceeded = new(552, "5.3.4", "Message size exceeds the limit for this address");
    // Inbound:MaxConcurrentPerIp (RFC 5321 §4.2.3 451; RFC 3463 X.7.0 other security or policy status).
    // Disk guard reservations for messages in flight: RFC 5321 §4.2.3 452, RFC 3463 §3.4 X.3.1 mail system full.
    public static readonly WireReply InsufficientStorage = new(452, "4.3.1", "Insufficient system storage, try again later");
    public static readonly WireReply InboundBusy = new(451, "4.7.0", "Too many concurrent messages from your address; try again later");
    public static readonly WireReply AuthRequired = new(530, "5.7.0", "Authentication required"); // RFC 4954 §6
    public static readonly WireReply TlsRequired = new(530, "5.7.0", "Must issue a STARTTLS command first"); // RFC 3207 §4
    public static readonly WireReply EncryptionRequired = new(538, "5.7.11", "Encryption required for requested authentication mechanism"); // RFC 4954 §6
    public static readonly WireReply AuthFailed = new(535, "5.7.8", "Authentication credentials invalid"); // RFC 4954 §6
    public static readonly WireReply AuthCancelled = new(501, "5.0.0", "Authentication cancelled"); // RFC 4954 §4
    public static readonly WireReply AuthBadBase64 = new(501, "5.5.2", "Cannot decode response"); // RFC 4954 §4
    public static readonly WireReply AuthUnknownMechanism = new(504, "5.5.4", "Unrecognized authentication type"); // RFC 4954 §6
    public static readonly WireReply AuthLocked = new(454, "4.7.0", "Too many failed authentications; try again later");
    public static readonly WireReply TlsUnavailable = new(454, "4.7.0", "TLS not available");
    public static readonly WireReply TooManyRecipients = new(452, "4.5.3", "Too many recipients"); // RFC 5321 §4.5.3.1.10
    public static readonly WireReply SizeExceeded = new(552, "5.3.4", "Message size exceeds fixed maximum message size"); // RFC 1870 §6

    // DATA content policy.
    // 2023 "SMTP smuggling" advisory (SEC Consult, CVE-2023-51764/51765/51766); RFC 5321 §2.3.8 CRLF only.
    public static readonly WireReply BareLineEnding = new(550, "5.6.11", "Bare CR or LF in message data is not allowed; use CRLF");
    public static readonly WireReply NulInContent = new(554, "5.6.0", "Message content has NUL octets, not allowed in text (RFC 5322 section 2.3); send BODY=BINARYMIME with BDAT for binary content");
    public static readonly WireReply TextLineTooLong = new(554, "5.6.0", "Message has a line longer than 1000 octets (RFC 5321 section 4.5.3.1.6)");

    // Connection-level (RFC 5321 §3.8: 421 may be sent at any time, then close).
    public static readonly WireReply TooManyErrors = new(421, "4.7.0", "Too many errors; closing connection");
    public static readonly WireReply TooManyConnections = new(421, "4.7.0", "Too many connections; try again later");
    public static readonly WireReply TransferTooSlow = new(421, "4.4.2", "Message transfer too slow: deadline exceeded; closing connection");
    public static readonly WireReply Timeout = new(421, "4.4.2", "Timeout exceeded; closing connection");
    public static readonly WireReply ShuttingDown = new(421, "4.3.2", "Service shutting down; closing connection");
    // RFC 5321 §3.8 and RFC 3463 4.3.2 (system not accepting network messages): a draining node sends clients elsewhere.
    public static readonly WireReply Draining = new(421, "4.3.2", "This node is draining and accepts no mail; try another node");
    public static readonly WireReply LocalError = new(451, "4.3.0", "Local error in processing");
}
