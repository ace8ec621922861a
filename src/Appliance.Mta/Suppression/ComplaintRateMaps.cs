using System.Collections.Concurrent;

namespace Appliance.Mta.Suppression;

/// <summary>
/// One set of 24-hour windows per tenant, egress source and egress IP: the counts a cluster shares
/// (<see cref="ComplaintRateCounter.UseShared"/>) or the deltas a node has not shared yet (<see cref="ComplaintRateCounter.TakeDelta"/>).
/// </summary>
internal sealed class ComplaintRateMaps
{
    public ConcurrentDictionary<string, ComplaintWindow> Tenants { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ComplaintWindow> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, ComplaintWindow> Ips { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Tenants.IsEmpty && Sources.IsEmpty && Ips.IsEmpty;

    public static void Add(ConcurrentDictionary<string, ComplaintWindow> map, string key, long hour, long deliveries, long complaints) =>
        map.GetOrAdd(key, _ => new ComplaintWindow()).Add(hour, deliveries, complaints);

    /// <summary>Adds the buckets of <paramref name="state"/> still inside the window at <paramref name="now"/>.</summary>
    public void Import(ComplaintRateState state, long now)
    {
        Import(Tenants, state.Tenants, now);
        Import(Sources, state.Sources, now);
        Import(Ips, state.Ips, now);
    }

    public ComplaintRateState Export(long now) => new(Export(Tenants, now), Export(Sources, now), Export(Ips, now));

    public static Dictionary<string, List<ComplaintBucket>> Export(ConcurrentDictionary<string, ComplaintWindow> map, long now)
    {
        var result = new Dictionary<string, List<ComplaintBucket>>(StringComparer.Ordinal);
        foreach (var (key, window) in map)
            if (window.Buckets(now) is { Count: > 0 } buckets) result[key] = buckets;
        return result;
    }

    public static void Import(ConcurrentDictionary<string, ComplaintWindow> map, Dictionary<string, List<ComplaintBucket>>? saved, long now)
    {
        foreach (var (key, buckets) in saved ?? [])
            foreach (var b in buckets)
                if (now - b.Hour < ComplaintWindow.Hours && b.Hour <= now && b.Deliveries >= 0 && b.Complaints >= 0)
                    Add(map, key, b.Hour, b.Deliveries, b.Complaints);
    }
}
