using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Hosting;

/// <summary>
/// Starts the engine in order (recover the spool, start the scheduler, bind the SMTP listeners) and
/// stops it gracefully: stop accepting, let sessions and in-flight deliveries finish within the host's
/// shutdown timeout, then let the spool and event log flush on disposal.
/// </summary>
public sealed class MtaEngineHostedService(
    IMtaSettings settings,
    QueueManager queue,
    IMessageSink sink,
    IEnumerable<IRecipientPolicy> recipientPolicies,
    DeliveryDispatcher dispatcher,
    ISmtpCredentialStore credentials,
    IEventSink events,
    MtaEngineStatus status,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<MtaEngineHostedService>();
    private Task? _scheduler;
    private Task? _compaction;
    private SmtpServerHost? _server;

    public SmtpServerHost? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await queue.RecoverAsync(cancellationToken).ConfigureAwait(false);
        EngineLog.Recovered(_logger, queue.Count);
        _scheduler = Task.Run(() => queue.RunSchedulerAsync(_stopping.Token), CancellationToken.None);
        _compaction = Task.Run(() => queue.RunCompactionAsync(TimeSpan.FromSeconds(5), _stopping.Token), CancellationToken.None);
        var certificate = ServerCertificate.LoadOrCreate(settings.Current);
        _server = new SmtpServerHost(settings, sink, credentials, events, time, loggerFactory, certificate, recipientPolicies);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        status.SetReady(_server.Endpoints);
        foreach (var (name, endpoint) in _server.Endpoints) EngineLog.Listening(_logger, name, endpoint.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.SetStopping();
        if (_server is { } running) await running.StopAsync(cancellationToken).ConfigureAwait(false);
        await dispatcher.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_scheduler is not null) await _scheduler.ConfigureAwait(false);
        if (_compaction is not null) await _compaction.ConfigureAwait(false);
        // The host may call StopAsync twice (WebApplicationFactory does): dispose once.
        if (Interlocked.Exchange(ref _server, null) is { } server) await server.DisposeAsync().ConfigureAwait(false);
    }
}
