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
    public SmtpServerContext(IMtaSettings settings, IMessageSink sink, ISmtpCredentialStore credentials, IEventSink events,
        TimeProvider time, ILogger logger, X509Certificate2? certificate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Current;
        Sink = sink;
        Credentials = credentials;
        Events = events;
        Time = time;
        Logger = logger;
        _certificate = new ServerCertificateSlot(certificate);
        _settings = new ServerSettings(options, new RelayHostList(options.Smtp.RelayHosts));
        AuthFailures = new AuthFailureTracker(time, options.Smtp.AuthFailureLimit, options.Smtp.AuthLockoutWindow);
        _subscription = settings.OnChange(OnSettingsChanged);
    }

    /// <summary>The settings snapshot and the relay list parsed from it, swapped together: a session reads both once.</summary>
    public ServerSettings Settings => _settings;

    /// <summary>The current snapshot (the accept loop's connection limits); sessions use their own <see cref="Settings"/>.</summary>
    public MtaOptions Options => _settings.Options;

    /// <summary>Where large messages stream while they are received ({DataDir}/tmp, see <see cref="ContentSpill"/>).</summary>
    public string SpillDirectory => System.IO.Path.Combine(System.IO.Path.GetFullPath(Options.DataDir), "tmp");

    public SmtpServerOptions Smtp => _settings.Options.Smtp;

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

    /// <summary>The parsed Smtp.RelayHosts of the current snapshot.</summary>
    public RelayHostList RelayHosts => _settings.RelayHosts;

    private volatile ServerSettings _settings;
    private readonly IDisposable _subscription;

    /// <summary>
    /// A published settings change: the next connection sees the new snapshot, with the relay list parsed again only
    /// when Smtp.RelayHosts changed (sessions already running keep the snapshot they started with).
    /// </summary>
    private void OnSettingsChanged(MtaOptions previous, MtaOptions current)
    {
        var relay = previous.Smtp.RelayHosts.SequenceEqual(current.Smtp.RelayHosts, StringComparer.Ordinal)
            ? _settings.RelayHosts
            : new RelayHostList(current.Smtp.RelayHosts);
        _settings = new ServerSettings(current, relay);
    }

    /// <summary>Stops following settings changes (the server is disposed).</summary>
    public void Detach() => _subscription.Dispose();

    public AuthFailureTracker AuthFailures { get; }

    /// <summary>The node is draining: new connections get 421 4.3.2 at once (sessions already open run on).</summary>
    public volatile bool Draining;

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
