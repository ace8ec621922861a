using System.Collections.Concurrent;
using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Complaints against deliveries over the last 24 hours (hourly buckets), per tenant and per egress IP, for the
/// warmup and backoff logic: <see cref="ForTenant"/> and <see cref="ForEgressIp"/>. Counts Delivery and Feedback
/// events as they pass (an <see cref="IEventListener"/>: a few interlocked increments, never blocking).
/// </summary>
public sealed class ComplaintRateCounter(TimeProvider time) : IEventListener
{
    private const int Hours = 24;
    private readonly ConcurrentDictionary<string, Window> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Window> _ips = new(StringComparer.Ordinal);

    public void OnEvent(MtaEvent e)
    {
        var complaint = e.Type == MtaEventType.Feedback;
        if (!complaint && e.Type != MtaEventType.Delivery) return;
        var hour = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        if (e.Tenant is { } t) _tenants.GetOrAdd(t, _ => new Window()).Add(hour, complaint);
        if (e.EgressIp is { } ip) _ips.GetOrAdd(ip, _ => new Window()).Add(hour, complaint);
    }

    public ComplaintRate ForTenant(string tenantId) => Read(_tenants, tenantId);

    public ComplaintRate ForEgressIp(string ip) => Read(_ips, ip);

    private ComplaintRate Read(ConcurrentDictionary<string, Window> map, string key) =>
        map.TryGetValue(key, out var w) ? w.Sum(time.GetUtcNow().ToUnixTimeSeconds() / 3600) : new ComplaintRate(0, 0);

    private sealed class Window
    {
        private readonly long[] _hour = new long[Hours];
        private readonly long[] _deliveries = new long[Hours];
        private readonly long[] _complaints = new long[Hours];

        public void Add(long hour, bool complaint)
        {
            var i = (int)(hour % Hours);
            lock (this)
            {
                if (_hour[i] != hour)
                {
                    _hour[i] = hour;
                    _deliveries[i] = 0;
                    _complaints[i] = 0;
                }
                if (complaint) _complaints[i]++;
                else _deliveries[i]++;
            }
        }

        public ComplaintRate Sum(long now)
        {
            long d = 0, c = 0;
            lock (this)
            {
                for (var i = 0; i < Hours; i++)
                {
                    if (now - _hour[i] >= Hours) continue;
                    d += _deliveries[i];
                    c += _complaints[i];
                }
            }
            return new ComplaintRate(c, d);
        }
    }
}
