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
/// In cluster mode (<see cref="StartSharing"/>) the node also keeps what it counted since its last share
/// (<see cref="TakeDelta"/>), and every read answers from the cluster's totals the host last handed over
/// (<see cref="UseShared"/>); without them (a single node, or the shared store away) it answers from its own counts.
/// </summary>
public sealed class ComplaintRateCounter(TimeProvider time, EgressConfiguration egress) : IEventListener
{
    private readonly ConcurrentDictionary<string, ComplaintWindow> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ComplaintWindow> _sources = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ComplaintWindow> _ips = new(StringComparer.Ordinal);
    private readonly Lock _pendingGate = new();
    private ComplaintRateMaps? _pending;
    private volatile ComplaintRateMaps? _shared;

    private ConcurrentDictionary<string, ComplaintWindow> Tenants => _shared?.Tenants ?? _tenants;

    private ConcurrentDictionary<string, ComplaintWindow> SourceWindows => _shared?.Sources ?? _sources;

    private ConcurrentDictionary<string, ComplaintWindow> Ips => _shared?.Ips ?? _ips;

    /// <summary>True while reads answer from the cluster's totals (<see cref="UseShared"/>).</summary>
    public bool IsShared => _shared is not null;

    /// <summary>Cluster mode: from now on the counts are also kept as deltas for <see cref="TakeDelta"/>.</summary>
    public void StartSharing()
    {
        lock (_pendingGate) _pending ??= new ComplaintRateMaps();
    }

    /// <summary>The counts made since the last call (empty before <see cref="StartSharing"/>), for the shared store.</summary>
    public ComplaintRateState TakeDelta()
    {
        var now = Hour();
        lock (_pendingGate)
        {
            if (_pending is not { } pending) return new ComplaintRateState([], [], []);
            _pending = new ComplaintRateMaps();
            return pending.Export(now);
        }
    }

    /// <summary>Gives back a delta the shared store did not take (it is shared with the next one).</summary>
    public void ReturnDelta(ComplaintRateState delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var now = Hour();
        lock (_pendingGate) _pending?.Import(delta, now);
    }

    /// <summary>The cluster's totals to answer from, or null to answer from this node's own counts again.</summary>
    public void UseShared(ComplaintRateState? cluster)
    {
        if (cluster is null)
        {
            _shared = null;
            return;
        }
        var maps = new ComplaintRateMaps();
        maps.Import(cluster, Hour());
        _shared = maps;
    }

    /// <inheritdoc/>
    public void OnEvent(MtaEvent e)
    {
        var complaint = ComplaintEvent.Is(e);
        if (!complaint && e.Type != MtaEventType.Delivery) return;
        var hour = Hour();
        if (e.Tenant is { Length: > 0 } t) Add(_tenants, t, hour, complaint);
        var source = e.EgressSource ?? (complaint ? SourceAt(e.EgressIp) : null);
        if (source is { Length: > 0 } s) Add(_sources, s, hour, complaint);
        if (e.EgressIp is { Length: > 0 } ip) Add(_ips, ip, hour, complaint);
        if (Volatile.Read(ref _pending) is null) return;
        lock (_pendingGate)
        {
            if (_pending is not { } pending) return;
            if (e.Tenant is { Length: > 0 } pt) Add(pending.Tenants, pt, hour, complaint);
            if (source is { Length: > 0 } ps) Add(pending.Sources, ps, hour, complaint);
            if (e.EgressIp is { Length: > 0 } pip) Add(pending.Ips, pip, hour, complaint);
        }
    }

    /// <summary>
    /// Complaints and deliveries of <paramref name="tenantId"/> over the last 24 hours; zero for an unknown tenant.
    /// </summary>
    public ComplaintRateEntry ForTenant(string tenantId) => Read(Tenants, tenantId);

    /// <summary>
    /// Complaints and deliveries of egress source <paramref name="source"/> over the last 24 hours; zero for an unknown
    /// source.
    /// </summary>
    public ComplaintRateEntry ForSource(string source) => Read(SourceWindows, source);

    /// <summary>
    /// Complaints and deliveries of egress IP <paramref name="ip"/> over the last 24 hours; zero for an unknown IP.
    /// </summary>
    public ComplaintRateEntry ForEgressIp(string ip) => Read(Ips, ip);

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
        var tenants = tenant is null ? All(Tenants) : [ForTenant(tenant)];
        if (tenant is not null) return new ComplaintRateReport(ComplaintWindow.Hours, tenants, [], [], []);
        return new ComplaintRateReport(ComplaintWindow.Hours, tenants, Pools(), Sources(), All(Ips));
    }

    /// <summary>The pools of the live plan with traffic in the window, highest rate first.</summary>
    public List<ComplaintRateEntry> Pools() => Ranked(egress.Plan.Pools.Select(p => ForPool(p.Name)).Where(Active));

    /// <summary>The egress sources with traffic in the window, highest rate first.</summary>
    public List<ComplaintRateEntry> Sources() => All(SourceWindows);

    /// <summary>The live buckets, for saving.</summary>
    public ComplaintRateState Save()
    {
        var now = Hour();
        return new ComplaintRateState(ComplaintRateMaps.Export(_tenants, now), ComplaintRateMaps.Export(_sources, now), ComplaintRateMaps.Export(_ips, now));
    }

    /// <summary>Adds saved buckets back (those that have left the window are skipped).</summary>
    public void Restore(ComplaintRateState state)
    {
        var now = Hour();
        ComplaintRateMaps.Import(_tenants, state.Tenants, now);
        ComplaintRateMaps.Import(_sources, state.Sources, now);
        ComplaintRateMaps.Import(_ips, state.Ips, now);
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
