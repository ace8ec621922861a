using System.Globalization;
using Appliance.Mta.Events;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Watches the <see cref="ComplaintRateCounter"/>: when a tenant's or a pool's 24-hour complaint rate passes
/// <see cref="SuppressionOptions.ComplaintAlertRate"/> with at least <see cref="SuppressionOptions.ComplaintAlertMinimumDeliveries"/>
/// delivered, one Alert event says so (a tenant's carries the tenant, so its webhooks get it); one more says when the
/// rate is back under. The host calls <see cref="Check"/> every minute.
/// </summary>
public sealed class ComplaintRateAlerts(ComplaintRateCounter counter, IEventSink events, IOptions<SuppressionOptions> options, TimeProvider time)
{
    private readonly HashSet<string> _alerting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The scopes ("tenant:x", "pool:y") over the threshold now.</summary>
    public IReadOnlyCollection<string> Alerting
    {
        get { lock (_gate) return [.. _alerting]; }
    }

    /// <summary>Compares every tenant and pool with the threshold; returns how many Alert events it wrote.</summary>
    public int Check()
    {
        var o = options.Value;
        if (o.ComplaintAlertRate <= 0) return 0;
        var report = counter.Report();
        var written = 0;
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in report.Tenants) written += Judge("tenant", t, o, seen);
            foreach (var p in report.Pools) written += Judge("pool", p, o, seen);
            // A scope that left the window entirely is back under too.
            foreach (var gone in _alerting.Where(k => !seen.Contains(k)).ToList())
            {
                _alerting.Remove(gone);
                var colon = gone.IndexOf(':', StringComparison.Ordinal);
                Write(gone[..colon], new ComplaintRateEntry(gone[(colon + 1)..], 0, 0), over: false, o);
                written++;
            }
        }
        return written;
    }

    private int Judge(string scope, ComplaintRateEntry e, SuppressionOptions o, HashSet<string> seen)
    {
        var key = scope + ":" + e.Name;
        seen.Add(key);
        var over = e.Deliveries >= o.ComplaintAlertMinimumDeliveries && e.Rate > o.ComplaintAlertRate;
        if (over ? !_alerting.Add(key) : !_alerting.Remove(key)) return 0;
        Write(scope, e, over, o);
        return 1;
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
