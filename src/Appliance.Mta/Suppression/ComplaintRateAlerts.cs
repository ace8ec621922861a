using System.Globalization;
using Appliance.Mta.Events;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Watches the <see cref="ComplaintRateCounter"/>: when a tenant's or a pool's 24-hour complaint rate passes
/// <see cref="SuppressionOptions.ComplaintAlertRate"/> with at least <see cref="SuppressionOptions.ComplaintAlertMinimumDeliveries"/>
/// delivered, one Alert event says so (a tenant's carries the tenant, so its webhooks get it); one more says when the
/// rate is back under. The host calls <see cref="CheckAsync"/> every minute. In cluster mode every node judges the same
/// cluster-wide rate, so each move over or under is claimed through <see cref="IAlertClaims"/> first: one node of the
/// cluster raises it, the others only follow the state.
/// </summary>
public sealed class ComplaintRateAlerts(ComplaintRateCounter counter, IEventSink events, IOptions<SuppressionOptions> options, TimeProvider time,
    IAlertClaims? claims = null)
{
    private readonly IAlertClaims _claims = claims ?? new LocalAlertClaims();
    private readonly HashSet<string> _alerting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _checking = new(1, 1);

    /// <summary>The scopes ("tenant:x", "pool:y") over the threshold now.</summary>
    public IReadOnlyCollection<string> Alerting
    {
        get { lock (_gate) return [.. _alerting]; }
    }

    /// <summary>Compares every tenant and pool with the threshold; returns how many Alert events this node wrote.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (o.ComplaintAlertRate <= 0) return 0;
        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = counter.Report();
            var moves = new List<(string Scope, ComplaintRateEntry Entry, bool Over)>();
            lock (_gate)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var t in report.Tenants) Judge("tenant", t, o, seen, moves);
                foreach (var p in report.Pools) Judge("pool", p, o, seen, moves);
                // A scope that left the window entirely is back under too.
                foreach (var gone in _alerting.Where(k => !seen.Contains(k)).ToList())
                {
                    _alerting.Remove(gone);
                    var colon = gone.IndexOf(':', StringComparison.Ordinal);
                    moves.Add((gone[..colon], new ComplaintRateEntry(gone[(colon + 1)..], 0, 0), false));
                }
            }
            var written = 0;
            foreach (var (scope, entry, over) in moves)
            {
                // Once per cluster: the node that claims the move raises it (docs/cluster.md, "Tenant quotas and complaint rates").
                if (!await _claims.TryClaimAsync($"complaint-rate:{scope}:{entry.Name}", over ? "over" : "under", cancellationToken).ConfigureAwait(false)) continue;
                Write(scope, entry, over, o);
                written++;
            }
            return written;
        }
        finally
        {
            _checking.Release();
        }
    }

    private void Judge(string scope, ComplaintRateEntry e, SuppressionOptions o, HashSet<string> seen, List<(string, ComplaintRateEntry, bool)> moves)
    {
        var key = scope + ":" + e.Name;
        seen.Add(key);
        var over = e.Deliveries >= o.ComplaintAlertMinimumDeliveries && e.Rate > o.ComplaintAlertRate;
        if (over ? !_alerting.Add(key) : !_alerting.Remove(key)) return;
        moves.Add((scope, e, over));
    }

    private void Write(string scope, ComplaintRateEntry e, bool over, SuppressionOptions o)
    {
        var rate = Percent(e.Rate);
        var detail = over
            ? string.Create(CultureInfo.InvariantCulture,
                $"Complaint rate of {scope} {e.Name} is {rate} over 24 hours ({e.Complaints:N0} complaints / {e.Deliveries:N0} delivered), above {Percent(o.ComplaintAlertRate)}")
            : string.Create(CultureInfo.InvariantCulture,
                $"Complaint rate of {scope} {e.Name} is back under {Percent(o.ComplaintAlertRate)} ({rate} over 24 hours, {e.Complaints:N0} / {e.Deliveries:N0})");
        events.Write(new MtaEvent
        {
            Type = MtaEventType.Alert, Timestamp = time.GetUtcNow(), Tenant = scope == "tenant" ? e.Name : null, Detail = detail,
        });
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
