using Appliance.Web.Scheduling;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Storage;
using Appliance.Web.Configuration;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Appliance.Web.Modules.Metrics;

/// <summary>
/// GET /metrics (Prometheus text format through prometheus-net, restricted by <see cref="MetricsAccess"/>), the engine
/// instruments it exports (docs/telemetry.md) and the disk guard (452 4.3.1 when the data folder runs short).
/// </summary>
public static class MetricsModule
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMetricsModule(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).PostConfigure<IConfiguration>((o, config) =>
        {
            if (CommaSeparatedListPostConfigure.Read(config.GetSection(MetricsOptions.Section + ":AllowedNetworks")) is { } networks) o.AllowedNetworks = networks;
        });
        services.AddOptions<DiskGuardOptions>().BindConfiguration(DiskGuardOptions.Section);
        // The engine's instruments (outcomes, queues, storage, complaint rates) and its disk guard are the engine's own;
        // the host sets their bounds and thresholds and exports every observable set with its own webhook backlog gauge.
        services.AddOptions<InstrumentOptions>().Configure<IOptions<MetricsOptions>>((o, metrics) =>
        {
            o.MaxLabelValues = metrics.Value.MaxLabelValues;
            o.TopQueues = metrics.Value.TopQueues;
        });
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<PrometheusExport>();
        services.AddSingleton<WebhookBacklogInstrument>();
        services.AddSingleton<IObservableInstruments>(sp => sp.GetRequiredService<WebhookBacklogInstrument>());
        services.AddSingleton(RecurringJob.For<DiskGuardJob>(DiskGuardJob.Key, TimeSpan.FromSeconds(DiskGuardJob.IntervalSeconds), TimeSpan.Zero));
        return services;
    }

    public static WebApplication MapMetricsModule(this WebApplication app)
    {
        // The export takes every observable instrument set (its gauges exist from then on).
        var export = app.Services.GetRequiredService<PrometheusExport>();

        var access = app.Services.GetRequiredService<MetricsAccess>();
        app.UseWhen(c => c.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), gate => gate.Use(async (context, next) =>
        {
            if (!access.IsAllowed(context.Connection.RemoteIpAddress, context.Request.Headers.Authorization.ToString()))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        }));
        app.MapMetrics(Path, export.Registry).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
