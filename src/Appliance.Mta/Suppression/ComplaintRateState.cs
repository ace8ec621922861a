namespace Appliance.Mta.Suppression;

/// <summary>The saved form of a <see cref="ComplaintRateCounter"/>: the live hourly buckets of every tenant, source and IP.</summary>
public sealed record ComplaintRateState(
    Dictionary<string, List<ComplaintBucket>> Tenants,
    Dictionary<string, List<ComplaintBucket>> Sources,
    Dictionary<string, List<ComplaintBucket>> Ips);
