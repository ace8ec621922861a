using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery;

/// <summary>
/// Delivery owns the path from a due item to a peer's reply: it resolves the destination to a site
/// (MX rollup), places the item in the ready queue for (egress source, site), opens up to the limit of
/// connections per ready queue, and sends items over reused connections. Outcomes go back to the
/// queue; delivery never decides retry or bounce policy itself.
/// </summary>
public sealed partial class DeliveryDispatcher : IItemDispatcher
{
    /// <summary>The egress source used until the host configures pools (<see cref="Egress.EgressPlan.Default"/>).</summary>
    public const string DefaultEgressSource = Egress.EgressPlan.DefaultName;

    private readonly QueueManager _queue;
    private readonly NextHopResolver _resolver;
    private readonly ISpool _spool;
    private readonly IMtaSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryDispatcher> _logger;
    private readonly ConcurrentDictionary<string, ReadyQueue> _ready = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ClientTimeouts _timeouts;
    private int _inFlight;
    private readonly Suppression.VerpReturnPath? _verp;
    private readonly MtaSts.MtaStsEnforcer? _mtaSts;
    private readonly Shaping.TrafficShaper _shaper;
    private readonly Egress.EgressSelector _egress;
    private readonly Events.IEventSink? _events;

    public DeliveryDispatcher(QueueManager queue, NextHopResolver resolver, ISpool spool, IMtaSettings settings, TimeProvider time, ILogger<DeliveryDispatcher> logger,
        Suppression.VerpReturnPath? verp = null, MtaSts.MtaStsEnforcer? mtaSts = null,
        Shaping.TrafficShaper? shaper = null, Egress.EgressSelector? egress = null, Events.IEventSink? events = null)
    {
        _shaper = shaper ?? new Shaping.TrafficShaper(settings, new Shaping.BackoffTracker(time));
        _egress = egress ?? new Egress.EgressSelector(new Egress.EgressConfiguration(), new Egress.WarmupLimiter(time));
        _events = events;
        _mtaSts = mtaSts;
        _verp = verp;
        _queue = queue;
        _resolver = resolver;
        _spool = spool;
        _settings = settings;
        _time = time;
        _logger = logger;
        _timeouts = ClientTimeouts.FromOptions(settings.Current.Delivery);
        queue.Attach(this);
        queue.AttachReadyQueues(() => _ready.Values.ToList(), MaybeConnect);
    }

    public IReadOnlyCollection<ReadyQueue> ReadyQueues => _ready.Values.ToList();

    /// <summary>Open outbound connections.</summary>
    public int OpenConnections => _ready.Values.Sum(r => r.Connections);

    public void Dispatch(QueueItem item)
    {
        if (item.Cancel != CancelAction.None)
        {
            _queue.ApplyCancellation(item);
            return;
        }
        _ = ResolveAndEnqueueAsync(item);
    }

    private async Task ResolveAndEnqueueAsync(QueueItem item)
    {
        try
        {
            var plan = await _resolver.ResolveAsync(item.Domain, _stopping.Token).ConfigureAwait(false);
            if (plan.Outcome != NextHopOutcome.Ok)
            {
                var info = AttemptInfo.None with { Site = plan.SiteKey };
                _queue.ApplyUniform(item, plan.Failure ?? new SmtpReply(451, "4.4.3", "Destination unresolved"), info);
                return;
            }
            #region MTA-STS (RFC 8461 §5): enforce narrows the plan to matching MX hosts with TLS required, or defers
            if (_mtaSts is not null)
            {
                var sts = await _mtaSts.ApplyAsync(item.Domain, plan, _stopping.Token).ConfigureAwait(false);
                if (sts.Defer is { } deferral)
                {
                    _queue.ApplyUniform(item, deferral, AttemptInfo.None with { Site = plan.SiteKey });
                    return;
                }
                plan = sts.Plan;
            }
            #endregion
            item.Site = plan.SiteKey;
            if (Place(item, plan) is not { } ready) return;
            if (ready.HoldReply is { } held && ready.HeldUntil > _time.GetUtcNow())
            {
                _queue.ApplyUniform(item, held, AttemptInfo.None with { Site = plan.SiteKey });
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
            _queue.ApplyUniform(item, new SmtpReply(451, "4.3.0", "Temporary local problem"), AttemptInfo.None);
        }
    }

    private void MaybeConnect(ReadyQueue ready)
    {
        if (ready.Suspended || _stopping.IsCancellationRequested) return;
        var max = ready.Shaping?.MaxConnections.Value ?? _settings.Current.Delivery.MaxConnectionsPerSite;
        if (ready.TryAddConnection(max)) _ = RunConnectionAsync(ready);
    }

    /// <summary>Stops opening connections, lets in-flight transactions finish (until the token fires), then aborts.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        while (Volatile.Read(ref _inFlight) > 0 && !cancellationToken.IsCancellationRequested)
        {
            try { await Task.Delay(50, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    private static long Elapsed(long start) => (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    private static string Describe(IPAddress address, NextHopHost host) => $"{host.Name} [{address}]:{host.Port}";
}
