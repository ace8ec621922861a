using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.TlsReporting.Jobs;
using Appliance.Web.Scheduling;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>
/// TLS reporting (RFC 8460): persists the engine's per-policy-domain TLS outcomes (the engine aggregates them in
/// <see cref="Appliance.Mta.Delivery.MtaSts.TlsReportStore"/>) as daily counts, and sends each day's report to the
/// destination domains that publish a TLS-RPT record.
/// </summary>
public static class TlsReportingModule
{
    public static IServiceCollection AddTlsReportingModule(this IServiceCollection services)
    {
        services.AddOptions<TlsReportingOptions>().BindConfiguration(TlsReportingOptions.Section);
        services.AddSingleton<TlsOutcomeRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<TlsOutcomeRecorder>());
        services.AddSingleton<TlsReportSender>();
        // https: rua destinations come from other domains' DNS: connections go through the outbound guard.
        services.AddHttpClient(TlsReportSender.ClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Appliance.Mta.Http.OutboundHttpGuard>().CreateHandler());
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TlsReportingOptions>>().Value;
            return RecurringJob.For<TlsOutcomeFlushJob>(TlsOutcomeFlushJob.Key, o.FlushInterval, o.FlushInterval);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TlsReportingOptions>>().Value;
            return RecurringJob.For<TlsReportJob>(TlsReportJob.Key, o.SendInterval, o.SendInterval);
        });
        return services;
    }
}
