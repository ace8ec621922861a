using System.Reflection;
using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Storage;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Data;
using Appliance.Web.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Api;

/// <summary>
/// GET /api/v1/system/status (global keys): version, uptime, bound listeners, queue depth, the disk guard's state and the
/// last alerts, in one answer for `appliance status`.
/// </summary>
public static class SystemStatusEndpoint
{
    public const int AlertCount = 5;

    public static RouteGroupBuilder MapSystemStatusEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/system/status", GetAsync)
            .WithSummary("Version, uptime, listeners, queue depth, disk guard and the last alerts (appliance status)").WithTags("System");
        return api;
    }

    private static async Task<IResult> GetAsync(IMtaStatus engine, QueueViewService queues, EventLog log, DiskGuard diskGuard,
        ApplianceStartupState state, IOptions<MtaOptions> mta, IServer server, TimeProvider time, CancellationToken ct)
    {
        var listeners = engine.Listeners
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new SystemStatusListener(l.Key, l.Value.ToString()))
            .Concat((server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new SystemStatusListener("http", a)))
            .ToList();
        var queued = queues.GetCounters(null).Messages;
        var alerts = (await log.SearchAsync(new EventQuery { Types = new HashSet<MtaEventType> { MtaEventType.Alert }, Limit = AlertCount }, ct))
            .OrderByDescending(e => e.Timestamp).Select(e => new SystemStatusAlert(e.Timestamp, e.Detail ?? e.Response)).ToList();
        var started = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        var status = !state.DatabaseReady || engine is not { Ready: true } ? "starting" : "ok";
        return TypedResults.Ok(new SystemStatusResponse(status, Version, started, Math.Max(0, (time.GetUtcNow() - started).TotalSeconds),
            mta.Value.Hostname, listeners, queued, diskGuard.IsLow, alerts));
    }

    private static string Version =>
        typeof(SystemStatusEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(SystemStatusEndpoint).Assembly.GetName().Version?.ToString() ?? "unknown";
}
