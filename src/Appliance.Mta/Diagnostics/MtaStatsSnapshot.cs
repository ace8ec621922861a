namespace Appliance.Mta.Diagnostics;

/// <summary>
/// What the dashboard and GET /api/v1/stats show: totals since start, the per-minute series (oldest first,
/// one entry per minute, zero-filled) and the gauges.
/// </summary>
public sealed record MtaStatsSnapshot(
    DateTimeOffset At,
    MetricsMinute Totals,
    IReadOnlyList<MetricsMinute> Minutes,
    MtaGaugeValues Gauges);
