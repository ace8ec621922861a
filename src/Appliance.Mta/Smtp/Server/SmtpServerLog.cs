using System.Net;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// Source-generated log messages of the inbound server (event ids 1100-1199). AUTH payloads and
/// passwords are never logged: only the mechanism, user name, client IP and outcome.
/// </summary>
internal static partial class SmtpServerLog
{
    [LoggerMessage(1100, LogLevel.Information, "SMTP listener {Name} bound to {Endpoint}")]
    public static partial void ListenerStarted(ILogger logger, string name, IPEndPoint endpoint);

    [LoggerMessage(1101, LogLevel.Debug, "SMTP session {SessionId} from {Remote} on {Listener}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, IPEndPoint remote, SmtpListenerKind listener);

    [LoggerMessage(1102, LogLevel.Debug, "SMTP session {SessionId} closed")]
    public static partial void SessionClosed(ILogger logger, string sessionId);

    [LoggerMessage(1103, LogLevel.Warning, "SMTP session {SessionId} failed")]
    public static partial void SessionFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(1104, LogLevel.Information, "SMTP AUTH {Mechanism} user={User} ip={Ip} outcome={Outcome}")]
    public static partial void AuthAttempt(ILogger logger, string mechanism, string user, IPAddress ip, string outcome);

    [LoggerMessage(1105, LogLevel.Information, "SMTP rejected from {Ip}: {Reply} ({Detail})")]
    public static partial void Rejected(ILogger logger, IPAddress ip, string reply, string detail);

    [LoggerMessage(1106, LogLevel.Debug, "SMTP TLS handshake with {Remote} failed")]
    public static partial void TlsFailed(ILogger logger, IPEndPoint remote, Exception exception);

    [LoggerMessage(1107, LogLevel.Warning, "SMTP accept loop on {Name} failed")]
    public static partial void AcceptFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(1108, LogLevel.Information, "SMTP connection from {Remote} refused: connection limit")]
    public static partial void ConnectionLimited(ILogger logger, IPEndPoint remote);

    [LoggerMessage(1150, LogLevel.Information, "Deleted {Count} temporary message file(s) left in {Directory} by a previous run")]
    public static partial void SpillLeftoversDeleted(ILogger logger, int count, string directory);

    [LoggerMessage(1151, LogLevel.Information, "Self-signed SMTP certificate renewed for the new host name {Hostname}")]
    public static partial void CertificateRenewed(ILogger logger, string hostname);

    [LoggerMessage(1152, LogLevel.Warning, "Could not renew the self-signed SMTP certificate for {Hostname}")]
    public static partial void CertificateRenewalFailed(ILogger logger, string hostname, Exception exception);
}
