using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Appliance.Mta.Admin;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery;

/// <summary>
/// Delivery owns the path from a due item to a peer's reply: it reads due items from the scheduler's channel
/// (<see cref="QueueScheduler.Due"/>), resolves the destination to a site (MX rollup), places the item in the ready
/// queue for (egress source, site), opens up to the limit of connections per ready queue, and sends items over
/// reused connections. Every item it takes ends in exactly one <see cref="DeliveryOutcome"/> reported to
/// <see cref="IDeliveryOutcomes"/>; delivery never decides retry or bounce policy itself and never calls the queue
/// otherwise.
/// </summary>
public sealed partial class DeliveryDispatcher : IReadyQueueControl
{
    /// <summary>The egress source used until the host configures pools (<see cref="Egress.EgressPlan.Default"/>).</summary>
    public const string DefaultEgressSource = Egress.EgressPlan.DefaultName;

    private readonly QueueScheduler _scheduler;
    private readonly IDeliveryOutcomes _outcomes;
    private readonly NextHopResolver _resolver;
    private readonly ISpool _spool;
    private readonly IMtaSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryDispatcher> _logger;
    private readonly ConcurrentDictionary<string, ReadyQueue> _ready = new(StringComparer.Ordinal);
    /// <summary>Stop taking items and opening connections; transactions in progress go on.</summary>
    private readonly CancellationTokenSource _stopping = new();
    /// <summary>The shutdown grace period is over: transactions in progress are cut.</summary>
    private readonly CancellationTokenSource _abort = new();
    private int _inFlight;
    private readonly Suppression.VerpReturnPath? _verp;
    private readonly MtaSts.MtaStsEnforcer? _mtaSts;
    private readonly Dane.DaneEnforcer? _dane;
    private readonly Shaping.TrafficShaper _shaper;
    private readonly Egress.EgressSelector _egress;
    private readonly Events.IEventSink? _events;
    private readonly BounceClassifier _classifier;
    private readonly Shaping.IThrottleStore _throttles;
    private readonly Shaping.IConnectionLeases _leases;
    /// <summary>Ready queues waiting to retry a connection lease the cluster refused (one retry pending per queue).</summary>
    private readonly ConcurrentDictionary<string, byte> _leaseRetries = new(StringComparer.Ordinal);

    /// <summary>
    /// Wires delivery to its one input (the scheduler's due channel) and its one output (<paramref name="outcomes"/>).
    /// The optional collaborators switch features on when present: VERP return paths, MTA-STS, DANE (only when its
    /// resolvers validate DNSSEC), traffic shaping, egress selection, events and bounce classification; absent,
    /// delivery uses the engine defaults (one default egress source, no shaping rules, shipped bounce rules).
    /// </summary>
    public DeliveryDispatcher(QueueScheduler scheduler, IDeliveryOutcomes outcomes, NextHopResolver resolver, ISpool spool, IMtaSettings settings,
        TimeProvider time, ILogger<DeliveryDispatcher> logger,
        Suppression.VerpReturnPath? verp = null, MtaSts.MtaStsEnforcer? mtaSts = null,
        Shaping.TrafficShaper? shaper = null, Egress.EgressSelector? egress = null, Events.IEventSink? events = null, BounceClassifier? classifier = null,
        Dane.DaneEnforcer? dane = null, Shaping.IThrottleStore? throttles = null, Shaping.IConnectionLeases? leases = null)
    {
        _throttles = throttles ?? new Shaping.LocalThrottleStore(time);
        _leases = leases ?? new Shaping.LocalConnectionLeases();
        _dane = dane is { Enabled: true } ? dane : null;
        _shaper = shaper ?? new Shaping.TrafficShaper(settings, new Shaping.BackoffTracker(time));
        _egress = egress ?? new Egress.EgressSelector(new Egress.EgressConfiguration(), new Egress.WarmupLimiter(time), time);
        _events = events;
        _mtaSts = mtaSts;
        _verp = verp;
        _classifier = classifier ?? new BounceClassifier();
        _scheduler = scheduler;
        _outcomes = outcomes;
        _resolver = resolver;
        _spool = spool;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// A copy of the ready queues that exist now, one per (egress source, site) that has had traffic since start; for
    /// the shaping view and metrics.
    /// </summary>
    public IReadOnlyCollection<ReadyQueue> ReadyQueues => _ready.Values.ToList();

    /// <summary>Open outbound connections.</summary>
    public int OpenConnections => _ready.Values.Sum(r => r.Connections);

    /// <summary>
    /// Consumes the scheduler's due items until stopped: each is resolved and placed in its ready queue on its own
    /// task (resolutions run concurrently). Items still in the channel at stop stay in the spool for the next start.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        var reader = _scheduler.Due;
        try
        {
            while (await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (!linked.IsCancellationRequested && reader.TryRead(out var item)) Dispatch(item);
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One due item: a cancelled one goes straight back, any other is resolved and placed.</summary>
    private void Dispatch(QueueItem item)
    {
        if (item.Cancel != CancelAction.None)
        {
            _outcomes.Report(new CancelledOutcome(item));
            return;
        }
        Observe(ResolveAndEnqueueAsync(item), item.Domain);
    }

    private async Task ResolveAndEnqueueAsync(QueueItem item)
    {
        try
        {
            var plan = await _resolver.ResolveAsync(item.Domain, _stopping.Token).ConfigureAwait(false);
            #region DANE (RFC 7672 §2.2): before MTA-STS (RFC 8461 §2); a bogus answer or no usable host defers with 4.7.5
            var underDane = false;
            if (_dane is not null)
            {
                var dane = await _dane.ApplyAsync(item.Domain, plan, _stopping.Token).ConfigureAwait(false);
                if (dane.Defer is { } daneDeferral)
                {
                    _outcomes.Report(AttemptOutcome.Uniform(item, daneDeferral, AttemptInfo.None with { Site = plan.SiteKey }));
                    return;
                }
                plan = dane.Plan;
                underDane = dane.Dane is { Hosts.Count: > 0 };
            }
            #endregion
            if (plan.Outcome != NextHopOutcome.Ok)
            {
                var info = AttemptInfo.None with { Site = plan.SiteKey };
                _outcomes.Report(AttemptOutcome.Uniform(item, plan.Failure ?? new SmtpReply(451, "4.4.3", "Destination unresolved"), info));
                return;
            }
            #region MTA-STS (RFC 8461 §5): enforce narrows the plan to matching MX hosts with TLS required, or defers
            if (_mtaSts is not null && !underDane)
            {
                var sts = await _mtaSts.ApplyAsync(item.Domain, plan, _stopping.Token).ConfigureAwait(false);
                if (sts.Defer is { } deferral)
                {
                    _outcomes.Report(AttemptOutcome.Uniform(item, deferral, AttemptInfo.None with { Site = plan.SiteKey }));
                    return;
                }
                plan = sts.Plan;
            }
            #endregion
            item.Site = plan.SiteKey;
            if (Place(item, plan) is not { } ready) return;
            if (ready.IsHeld(_time.GetUtcNow(), out var held))
            {
                _outcomes.Report(AttemptOutcome.Uniform(item, held, AttemptInfo.None with { Site = plan.SiteKey }));
                return;
            }
            ready.Enqueue(item);
            MaybeConnect(ready);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the item stays in the spool and is retried at the next start.
        }
        catch (Exception ex)
        {
            DeliveryLog.DispatchFailed(_logger, item.Message.Id.ToString(), item.Domain, ex);
            _outcomes.Report(AttemptOutcome.Uniform(item, new SmtpReply(451, "4.3.0", "Temporary local problem"), AttemptInfo.None));
        }
    }

    private void MaybeConnect(ReadyQueue ready)
    {
        if (ready.Suspended || _stopping.IsCancellationRequested || _leaseRetries.ContainsKey(ready.Name)) return;
        var max = ready.Shaping?.MaxConnections.Value ?? _settings.Current.Delivery.MaxConnectionsPerSite;
        if (ready.TryAddConnection(max)) Observe(LeaseAndRunConnectionAsync(ready, max), ready.Name);
    }

    /// <summary>
    /// Takes a connection lease (cluster-wide when the host shares limits) for a slot this node already claimed, then
    /// runs the connection. Refused: the slot is given back and the queue asks again after <see cref="LeaseRetryDelay"/>.
    /// </summary>
    private async Task LeaseAndRunConnectionAsync(ReadyQueue ready, int max)
    {
        Shaping.IConnectionLease? lease;
        try
        {
            lease = await _leases.TryAcquireAsync(ready.Name, max, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lease = null;
        }
        if (lease is null)
        {
            ready.ReleaseConnection();
            if (!_stopping.IsCancellationRequested && _leaseRetries.TryAdd(ready.Name, 0)) Observe(RetryLeaseAsync(ready), ready.Name);
            return;
        }
        await RunConnectionAsync(ready, lease).ConfigureAwait(false);
    }

    private async Task RetryLeaseAsync(ReadyQueue ready)
    {
        try
        {
            await Task.Delay(LeaseRetryDelay, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            _leaseRetries.TryRemove(ready.Name, out _);
        }
        if (ready.Pending > 0) MaybeConnect(ready);
    }

    /// <summary>
    /// How long a ready queue waits before asking again for a connection lease the cluster refused: a quarter second,
    /// a few round trips a second per waiting queue, well below a connection's own set-up time.
    /// </summary>
    private static readonly TimeSpan LeaseRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Stops taking items and opening connections and lets in-flight transactions finish until
    /// <paramref name="cancellationToken"/> fires (the host's shutdown timeout); then cuts them (their items are
    /// deferred and retried after the restart) and waits briefly for them to unwind.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await WaitForInFlightAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0) return;
        await _abort.CancelAsync().ConfigureAwait(false);
        using var unwind = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await WaitForInFlightAsync(unwind.Token).ConfigureAwait(false);
    }

    private async Task WaitForInFlightAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _inFlight) > 0 && !cancellationToken.IsCancellationRequested)
        {
            try { await Task.Delay(50, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ReadyQueueInfo> List() =>
        _ready.Values.Select(r => new ReadyQueueInfo(r.Name, r.EgressSource, r.Site, r.Pending, r.Connections, r.Suspended, r.LastResponse)).ToList();

    /// <inheritdoc/>
    public int SetSiteSuspended(string site, bool suspended)
    {
        var affected = 0;
        foreach (var r in _ready.Values.Where(r => string.Equals(r.Site, site, StringComparison.OrdinalIgnoreCase)))
        {
            r.Suspended = suspended;
            affected += r.Pending;
            if (!suspended) MaybeConnect(r);
        }
        return affected;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, DateTimeOffset> Held(DateTimeOffset now) =>
        _ready.Values.Where(r => r.HeldUntil > now).ToDictionary(r => r.Name, r => r.HeldUntil, StringComparer.Ordinal);

    /// <summary>Background tasks are not awaited where they start; a fault that escapes them is logged, never lost.</summary>
    private void Observe(Task task, string what)
    {
        if (task.IsCompleted && !task.IsFaulted) return;
        _ = task.ContinueWith(static (t, state) =>
        {
            var (logger, name) = ((ILogger, string))state!;
            DeliveryLog.BackgroundTaskFailed(logger, name, t.Exception!.GetBaseException());
        }, (_logger, what), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static long Elapsed(long start) => (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    private static string Describe(IPAddress address, NextHopHost host) => $"{host.Name} [{address}]:{host.Port}";
}
