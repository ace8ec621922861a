using System.Collections.Concurrent;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Complaints against delivered recipients over the last 24 hours (hourly buckets), per tenant, egress source and
/// egress IP, and per pool as the sum of its member sources under the live <see cref="EgressConfiguration"/>. Counts
/// Delivery events and complaint Feedback events (<see cref="ComplaintEvent"/>) as they pass: an
/// <see cref="IEventListener"/> doing a few locked increments, never blocking. A complaint is charged to the source
/// its original Delivery event names (the inbound filter finds it through the VERP return path), else to the source
/// whose bind address is the report's Source-IP. Kept in memory; <see cref="Save"/> and <see cref="Restore"/> carry
/// the window across restarts (the host saves it every minute and at shutdown).
/// </summary>
public sealed class ComplaintRateCounter(TimeProvider time, EgressConfiguration egress) : IEventListener
{
    private readonly ConcurrentDictionary<string, ComplaintWindow> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ComplaintWindow> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ComplaintWindow> _ips = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public void OnEvent(MtaEvent e)
    {
        var complaint = ComplaintEvent.Is(e);
        if (!complaint && e.Type != MtaEventType.Delivery) return;
        var hour = Hour();
        if (e.Tenant is { Length: > 0 } t) Add(_tenants, t, hour, complaint);
        if ((e.EgressSource ?? (complaint ? SourceAt(e.EgressIp) : null)) is { Length: > 0 } s) Add(_sources, s, hour, complaint);
        if (e.EgressIp is { Length: > 0 } ip) Add(_ips, ip, hour, complaint);
    }

    /// <summary>
    /// Complaints and deliveries of <paramref name="tenantId"/> over the last 24 hours; zero for an unknown tenant.
    /// </summary>
    public ComplaintRateEntry ForTenant(string tenantId) => Read(_tenants, tenantId);

    /// <summary>
    /// Complaints and deliveries of egress source <paramref name="source"/> over the last 24 hours; zero for an unknown
    /// source.
    /// </summary>
    public ComplaintRateEntry ForSource(string source) => Read(_sources, source);

    /// <summary>
    /// Complaints and deliveries of egress IP <paramref name="ip"/> over the last 24 hours; zero for an unknown IP.
    /// </summary>
    public ComplaintRateEntry ForEgressIp(string ip) => Read(_ips, ip);

    /// <summary>The pool's members summed (each source once); zero for an unknown pool.</summary>
    public ComplaintRateEntry ForPool(string pool)
    {
        var p = egress.Plan.Pools.FirstOrDefault(x => string.Equals(x.Name, pool, StringComparison.OrdinalIgnoreCase));
        if (p is null) return new ComplaintRateEntry(pool, 0, 0);
        long c = 0, d = 0;
        foreach (var source in p.Members.Select(m => m.Source).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var r = ForSource(source);
            c += r.Complaints;
            d += r.Deliveries;
        }
        return new ComplaintRateEntry(p.Name, c, d);
    }

    /// <summary>Everything with traffic in the window (tenants limited to <paramref name="tenant"/> when given), highest rate first.</summary>
    public ComplaintRateReport Report(string? tenant = null)
    {
        var tenants = tenant is null ? All(_tenants) : [ForTenant(tenant)];
        if (tenant is not null) return new ComplaintRateReport(ComplaintWindow.Hours, tenants, [], [], []);
        return new ComplaintRateReport(ComplaintWindow.Hours, tenants, Pools(), Sources(), All(_ips));
    }

    /// <summary>The pools of the live plan with traffic in the window, highest rate first.</summary>
    public List<ComplaintRateEntry> Pools() => Ranked(egress.Plan.Pools.Select(p => ForPool(p.Name)).Where(Active));

    /// <summary>The egress sources with traffic in the window, highest rate first.</summary>
    public List<ComplaintRateEntry> Sources() => All(_sources);

    /// <summary>The live buckets, for saving.</summary>
    public ComplaintRateState Save()
    {
        var now = Hour();
        return new ComplaintRateState(Export(_tenants, now), Export(_sources, now), Export(_ips, now));
    }

    /// <summary>Adds saved buckets back (those that have left the window are skipped).</summary>
    public void Restore(ComplaintRateState state)
    {
        var now = Hour();
        Import(_tenants, state.Tenants, now);
        Import(_sources, state.Sources, now);
        Import(_ips, state.Ips, now);
    }

    private static Dictionary<string, List<ComplaintBucket>> Export(ConcurrentDictionary<string, ComplaintWindow> map, long now)
    {
        var result = new Dictionary<string, List<ComplaintBucket>>(StringComparer.Ordinal);
        foreach (var (key, window) in map)
            if (window.Buckets(now) is { Count: > 0 } buckets) result[key] = buckets;
        return result;
    }

    private static void Import(ConcurrentDictionary<string, ComplaintWindow> map, Dictionary<string, List<ComplaintBucket>>? saved, long now)
    {
        foreach (var (key, buckets) in saved ?? [])
            foreach (var b in buckets)
                if (now - b.Hour < ComplaintWindow.Hours && b.Hour <= now && b.Deliveries >= 0 && b.Complaints >= 0)
                    map.GetOrAdd(key, _ => new ComplaintWindow()).Add(b.Hour, b.Deliveries, b.Complaints);
    }

    private List<ComplaintRateEntry> All(ConcurrentDictionary<string, ComplaintWindow> map) =>
        Ranked(map.Keys.Select(k => Read(map, k)).Where(Active));

    private static List<ComplaintRateEntry> Ranked(IEnumerable<ComplaintRateEntry> entries) =>
        entries.OrderByDescending(e => e.Rate).ThenByDescending(e => e.Complaints).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();

    private static bool Active(ComplaintRateEntry e) => e.Complaints > 0 || e.Deliveries > 0;

    private string? SourceAt(string? ip) =>
        ip is { Length: > 0 } ? egress.Plan.Sources.FirstOrDefault(s => s.BindAddress?.ToString() == ip)?.Name : null;

    private static void Add(ConcurrentDictionary<string, ComplaintWindow> map, string key, long hour, bool complaint) =>
        map.GetOrAdd(key, _ => new ComplaintWindow()).Add(hour, complaint);

    private ComplaintRateEntry Read(ConcurrentDictionary<string, ComplaintWindow> map, string key)
    {
        if (!map.TryGetValue(key, out var w)) return new ComplaintRateEntry(key, 0, 0);
        var (c, d) = w.Sum(Hour());
        return new ComplaintRateEntry(key, c, d);
    }

    private long Hour() => time.GetUtcNow().ToUnixTimeSeconds() / 3600;
}
