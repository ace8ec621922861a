namespace Appliance.Mta.Diagnostics;

/// <summary>Counts of one UTC minute (recipients: the engine writes one event per recipient).</summary>
public sealed record MetricsMinute(DateTimeOffset Minute, int Accepted, int Delivered, int Deferred, int Bounced, int Expired);
