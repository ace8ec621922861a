using Appliance.Web.Scheduling;
using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
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
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<PrometheusExport>();
        services.AddSingleton(sp => new OutcomeInstruments(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.MaxLabelValues));
        services.AddSingleton<IEventListener>(sp => sp.GetRequiredService<OutcomeInstruments>());
        services.AddSingleton(sp => new QueueInstruments(sp.GetRequiredService<IQueueAdmin>(), sp.GetRequiredService<DeliveryDispatcher>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<MetricsOptions>>().Value.TopQueues));
        services.AddSingleton(sp => new StorageInstruments(DataDir(sp)));
        services.AddSingleton<WebhookBacklogInstrument>();
        services.AddSingleton<ComplaintRateInstruments>();

        // The guard writes its alerts through the engine's sink, resolved late: listeners of that sink may depend on the reception pipeline.
        services.AddSingleton(sp => new DiskGuard(DataDir(sp), sp.GetRequiredService<IOptions<DiskGuardOptions>>().Value,
            e => sp.GetRequiredService<IEventSink>().Write(e), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiskGuard>>()));
        services.AddSingleton<IReceptionFilter>(sp => sp.GetRequiredService<DiskGuard>());
        services.AddSingleton<IRecipientPolicy>(sp => sp.GetRequiredService<DiskGuard>());
        services.AddSingleton(RecurringJob.For<DiskGuardJob>(DiskGuardJob.Key, TimeSpan.FromSeconds(DiskGuardJob.IntervalSeconds), TimeSpan.Zero));
        return services;
    }

    public static WebApplication MapMetricsModule(this WebApplication app)
    {
        // The observable instruments exist once resolved; the event-fed ones are resolved by the engine's sink.
        var export = app.Services.GetRequiredService<PrometheusExport>();
        _ = app.Services.GetService<StorageInstruments>();
        _ = app.Services.GetService<WebhookBacklogInstrument>();
        if (app.Services.GetService<Appliance.Mta.Suppression.ComplaintRateCounter>() is not null) _ = app.Services.GetService<ComplaintRateInstruments>();
        if (app.Services.GetService<IQueueAdmin>() is not null && app.Services.GetService<DeliveryDispatcher>() is not null)
            _ = app.Services.GetService<QueueInstruments>();

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

    private static string DataDir(IServiceProvider sp) =>
        System.IO.Path.GetFullPath(sp.GetRequiredService<IOptions<MtaOptions>>().Value.DataDir);
}
