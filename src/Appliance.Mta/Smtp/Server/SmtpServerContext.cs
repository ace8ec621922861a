using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp.Server.Auth;
using Appliance.Mta.Smtp.Server.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// What every session of one server shares: settings, the policy collaborators (sink, credential
/// store, events) and server-wide state (relay list, AUTH lockout, connection counts).
/// </summary>
internal sealed class SmtpServerContext
{
    public SmtpServerContext(MtaOptions options, IMessageSink sink, ISmtpCredentialStore credentials, IEventSink events,
        TimeProvider time, ILogger logger, X509Certificate2? certificate)
    {
        Options = options;
        Smtp = options.Smtp;
        Sink = sink;
        Credentials = credentials;
        Events = events;
        Time = time;
        Logger = logger;
        _certificate = new ServerCertificateSlot(certificate);
        _relayHosts = (options.Smtp.RelayHosts, new RelayHostList(options.Smtp.RelayHosts));
        AuthFailures = new AuthFailureTracker(time, options.Smtp.AuthFailureLimit, options.Smtp.AuthLockoutWindow);
    }

    public MtaOptions Options { get; }

    /// <summary>Where large messages stream while they are received ({DataDir}/tmp, see <see cref="ContentSpill"/>).</summary>
    public string SpillDirectory => System.IO.Path.Combine(System.IO.Path.GetFullPath(Options.DataDir), "tmp");

    public SmtpServerOptions Smtp { get; }

    public IMessageSink Sink { get; }

    public ISmtpCredentialStore Credentials { get; }

    public IEventSink Events { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public X509Certificate2? Certificate => _certificate.Certificate;

    /// <summary>Built once per certificate so that each handshake does not rebuild the chain.</summary>
    public System.Net.Security.SslStreamCertificateContext? CertificateContext => _certificate.Context;

    private volatile ServerCertificateSlot _certificate;

    /// <summary>The next STARTTLS or smtps handshake uses <paramref name="certificate"/>; sessions already in TLS keep theirs.</summary>
    public void ReplaceCertificate(X509Certificate2 certificate) => _certificate = new ServerCertificateSlot(certificate);

    /// <summary>
    /// The parsed Smtp.RelayHosts, re-parsed when the host assigns a new list (a settings change applies to the
    /// next connection without a restart).
    /// </summary>
    public RelayHostList RelayHosts
    {
        get
        {
            var current = _relayHosts;
            var source = Smtp.RelayHosts;
            if (ReferenceEquals(current.Source, source)) return current.Parsed;
            current = (source, new RelayHostList(source));
            _relayHosts = current;
            return current.Parsed;
        }
    }

    private (List<string> Source, RelayHostList Parsed) _relayHosts;

    public AuthFailureTracker AuthFailures { get; }

    public ConnectionCounter Connections { get; } = new();

    /// <summary>Open inbound transactions (mail for the appliance's own addresses) per client IP: Inbound:MaxConcurrentPerIp.</summary>
    public ConnectionCounter InboundTransactions { get; } = new();

    /// <summary>Asked for each RCPT in order; the first answer other than Continue decides.</summary>
    public IRecipientPolicy[] RecipientPolicies { get; init; } = [];

    /// <summary>Space reserved for messages in flight (the disk guard); null: not counted.</summary>
    public ISpaceReservations? SpaceReservations { get; init; }

    /// <summary>Asked at MAIL FROM in order; the first refusal decides.</summary>
    public IMailFromPolicy[] MailFromPolicies { get; init; } = [];
}
