namespace Appliance.Web.Api.Contracts;

/// <summary>GET /api/v1/system/status: what `appliance status` prints.</summary>
public sealed record SystemStatusResponse(
    string Status,
    string Version,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string Hostname,
    IReadOnlyList<SystemStatusListener> Listeners,
    int? QueuedMessages,
    bool? DiskLow,
    IReadOnlyList<SystemStatusAlert> RecentAlerts);

/// <summary>One bound listener: "relay", "submission", "smtps" or "http".</summary>
public sealed record SystemStatusListener(string Name, string Address);

/// <summary>An Alert event (disk low, webhook disabled, complaint rate, ...).</summary>
public sealed record SystemStatusAlert(DateTimeOffset Timestamp, string? Detail);
