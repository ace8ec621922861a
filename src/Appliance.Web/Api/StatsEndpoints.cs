using Appliance.Mta.Diagnostics;

namespace Appliance.Web.Api;

/// <summary>GET /api/v1/stats: the engine metrics snapshot (per-minute series and gauges; docs/telemetry.md).</summary>
public static class StatsEndpoints
{
    public const int DefaultMinutes = 60;

    public static RouteGroupBuilder MapStatsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/stats", (MtaMetrics metrics, int? minutes) =>
        {
            if (minutes is < 1 or > MtaMetrics.RingMinutes) return ApiProblems.Invalid("minutes", $"minutes must be between 1 and {MtaMetrics.RingMinutes}.");
            return TypedResults.Ok(metrics.Snapshot(minutes ?? DefaultMinutes));
        }).WithSummary("Per-minute counters and gauges of the last minutes").WithTags("Monitoring").ProducesProblem(400).ProducesProblem(503);
        return api;
    }
}
