namespace Appliance.Mta.Suppression;

/// <summary>Every counted tenant, pool, egress source and egress IP over the last <see cref="WindowHours"/> hours, highest rate first.</summary>
public sealed record ComplaintRateReport(
    int WindowHours,
    IReadOnlyList<ComplaintRateEntry> Tenants,
    IReadOnlyList<ComplaintRateEntry> Pools,
    IReadOnlyList<ComplaintRateEntry> Sources,
    IReadOnlyList<ComplaintRateEntry> Ips);
