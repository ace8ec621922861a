namespace Appliance.Mta.Egress;

/// <summary>
/// One source's traffic on one UTC day (and to one provider, or all when null): recipients handed to the source,
/// delivered, bounced hard (permanent) and deferred. Warmup holds compare bounce rate = Bounced / (Delivered + Bounced).
/// </summary>
public sealed record EgressDayVolume(DateOnly Day, string Source, string? Provider, long Sent, long Delivered, long Bounced, long Deferred);
