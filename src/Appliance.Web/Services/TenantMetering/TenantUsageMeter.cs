using Appliance.Mta.Events;
using Appliance.Web.Services.TenantLimits;

namespace Appliance.Web.Services.TenantMetering;

/// <summary>
/// The engine's <see cref="Mta.Hosting.EnginePipeline.TenantMetering"/> event listener: adds each tenant event to the
/// in-memory counters of its UTC day and sending (MAIL FROM) domain. Nothing is read back from the log files;
/// <see cref="TenantUsageStore"/> adds the pending counters to the database every few seconds and at stop.
/// </summary>
public sealed class TenantUsageMeter : IEventListener
{
    private readonly Lock _lock = new();
    private Dictionary<(string Tenant, DateOnly Day, string Domain), TenantDailyUsage> _pending = [];

    public void OnEvent(MtaEvent e)
    {
        if (string.IsNullOrEmpty(e.Tenant) || e.Type is MtaEventType.Rejection or MtaEventType.AdminAction or MtaEventType.Suppression or MtaEventType.Alert) return;
        var key = (e.Tenant, DateOnly.FromDateTime(e.Timestamp.UtcDateTime), TenantQuotaDomains.Of(e.Sender) ?? "");
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var row))
            {
                row = new TenantDailyUsage { TenantId = key.Tenant, Day = key.Item2, Domain = key.Item3 };
                _pending[key] = row;
            }
            Add(row, e);
        }
    }

    /// <summary>The counters gathered since the last call (handed over; the meter starts from zero).</summary>
    public IReadOnlyCollection<TenantDailyUsage> Take()
    {
        lock (_lock)
        {
            var taken = _pending;
            _pending = [];
            return taken.Values;
        }
    }

    /// <summary>Puts counters back after a failed write, so the next flush adds them.</summary>
    public void Return(IEnumerable<TenantDailyUsage> rows)
    {
        lock (_lock)
        {
            foreach (var r in rows)
            {
                var key = (r.TenantId, r.Day, r.Domain);
                if (_pending.TryGetValue(key, out var row)) Merge(row, r);
                else _pending[key] = r;
            }
        }
    }

    private static void Add(TenantDailyUsage row, MtaEvent e)
    {
        switch (e.Type)
        {
            case MtaEventType.Reception:
                row.Accepted++;
                row.BytesIn += e.Size ?? 0;
                break;
            case MtaEventType.Delivery:
                row.Delivered++;
                row.BytesOut += e.Size ?? 0;
                break;
            case MtaEventType.TransientFailure:
                row.Deferred++;
                break;
            case MtaEventType.Bounce or MtaEventType.Expiration or MtaEventType.Oob:
                if (e.Hard == false) row.BouncedSoft++;
                else row.BouncedHard++;
                break;
            case MtaEventType.Feedback:
                row.Complained++;
                break;
            case MtaEventType.Unsubscribe:
                row.Unsubscribed++;
                break;
        }
    }

    private static void Merge(TenantDailyUsage into, TenantDailyUsage add)
    {
        into.Accepted += add.Accepted;
        into.Delivered += add.Delivered;
        into.Deferred += add.Deferred;
        into.BouncedHard += add.BouncedHard;
        into.BouncedSoft += add.BouncedSoft;
        into.Complained += add.Complained;
        into.Unsubscribed += add.Unsubscribed;
        into.BytesIn += add.BytesIn;
        into.BytesOut += add.BytesOut;
    }
}
