using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Hosting;

/// <summary>
/// Starts the engine in order (recover the spool, start the scheduler and delivery, bind the SMTP listeners) and
/// stops it gracefully: stop accepting, let sessions and in-flight deliveries finish within the host's
/// shutdown timeout, then let the spool and event log flush on disposal.
/// </summary>
public sealed class MtaEngineHostedService(
    IMtaSettings settings,
    MessageAcceptor acceptor,
    QueueStore store,
    QueueScheduler scheduler,
    SpoolCompactor compactor,
    IMessageSink sink,
    IEnumerable<IRecipientPolicy> recipientPolicies,
    DeliveryDispatcher dispatcher,
    ISmtpCredentialStore credentials,
    IEventSink events,
    MtaEngineStatus status,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IListenerCertificate
{
    /// <summary>Recovered messages from which a start-up collection pays (well under a second's pause at this size).</summary>
    private const int LargeRecovery = 100_000;

    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<MtaEngineHostedService>();
    private Task? _scheduler;
    private Task? _delivery;
    private Task? _compaction;
    private SmtpServerHost? _server;

    /// <summary>The running SMTP server; null before <see cref="StartAsync"/> has bound the listeners.</summary>
    public SmtpServerHost? Server => _server;

    /// <summary>
    /// Refuses (true) or accepts again (false) new SMTP connections with 421 4.3.2: a draining node. False when the
    /// listeners are not bound.
    /// </summary>
    public bool SetDraining(bool draining)
    {
        if (_server is not { } server) return false;
        server.Draining = draining;
        return true;
    }

    /// <inheritdoc/>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Current => _server?.Certificate;

    /// <inheritdoc/>
    public bool Replace(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        if (_server is not { } server) return false;
        server.ReplaceCertificate(certificate);
        return true;
    }

    /// <summary>
    /// Recovers the spool into the queue, starts the scheduler, delivery and spool compaction, then binds the SMTP
    /// listeners and marks the engine ready; a listener that cannot bind fails start-up.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One way: the spool's messages enter the queue, the scheduler emits due items on its channel, delivery
        // consumes them and reports outcomes back to the queue.
        var started = time.GetTimestamp();
        await acceptor.RecoverAsync(cancellationToken).ConfigureAwait(false);
        // A large recovery leaves what it read (segment windows, JSON envelopes) as garbage in a heap grown for it:
        // one aggressive collection hands that memory back before delivery starts, so a restarted backlog holds about
        // what it held before the crash (bench/RESULTS.md, "Issue 22 sitting, round two").
        if (store.Count >= LargeRecovery) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var recovered = time.GetTimestamp();
        EngineLog.Recovered(_logger, store.Count);
        _scheduler = Task.Run(() => scheduler.RunAsync(_stopping.Token), CancellationToken.None);
        _delivery = Task.Run(() => dispatcher.RunAsync(_stopping.Token), CancellationToken.None);
        _compaction = Task.Run(() => compactor.RunAsync(TimeSpan.FromSeconds(5), _stopping.Token), CancellationToken.None);
        var certificate = ServerCertificate.LoadOrCreate(settings.Current);
        _server = new SmtpServerHost(settings, sink, credentials, events, time, loggerFactory, certificate, recipientPolicies);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        status.SetReady(_server.Endpoints);
        foreach (var (name, endpoint) in _server.Endpoints) EngineLog.Listening(_logger, name, endpoint.ToString());
        EngineLog.Started(_logger, (long)time.GetElapsedTime(started).TotalMilliseconds, (long)time.GetElapsedTime(started, recovered).TotalMilliseconds);
    }

    /// <summary>
    /// Marks the engine not ready, stops the listeners (sessions finish within <paramref name="cancellationToken"/>'s
    /// time), lets in-flight deliveries end, then stops the scheduler and compaction.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.SetStopping();
        if (_server is { } running) await running.StopAsync(cancellationToken).ConfigureAwait(false);
        await dispatcher.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_scheduler is not null) await _scheduler.ConfigureAwait(false);
        if (_delivery is not null) await _delivery.ConfigureAwait(false);
        if (_compaction is not null) await _compaction.ConfigureAwait(false);
        // The host may call StopAsync twice (WebApplicationFactory does): dispose once.
        if (Interlocked.Exchange(ref _server, null) is { } server) await server.DisposeAsync().ConfigureAwait(false);
    }
}
