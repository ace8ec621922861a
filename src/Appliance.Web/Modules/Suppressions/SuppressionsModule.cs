using Appliance.Web.Scheduling;
using Appliance.Mta.Suppression;
using Appliance.Web.Data.Modules;
using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Suppressions and inbound feedback, host side: the module's tables behind the engine's seams (suppression store,
/// tenant feedback settings, verified return-path domains), the index loader, the complaint-rate alert job,
/// the API and the public unsubscribe endpoint. The engine registers its own policies, filters and listeners
/// (inbound reports, drops, trace and unsubscribe headers, auto-suppression: EnginePipeline).
/// </summary>
public static class SuppressionsModule
{
    public static IServiceCollection AddSuppressionsModule(this IServiceCollection services)
    {
        services.AddOptions<SuppressionOptions>().BindConfiguration(SuppressionOptions.Section);
        services.AddSingleton<SqliteSuppressionStore>();
        services.AddSingleton<ISuppressionStore>(sp => sp.GetRequiredService<SqliteSuppressionStore>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteSuppressionStore>());
        services.AddSingleton<TenantFeedbackSettingsCache>();
        services.AddSingleton<ITenantFeedbackSettingsSource>(sp => sp.GetRequiredService<TenantFeedbackSettingsCache>());
        services.AddSingleton<SuppressionIndexLoader>();
        services.AddSingleton<VerifiedDomainReturnPaths>();
        services.AddSingleton<TenantReturnPathVerifier>();
        services.AddSingleton<IDomainReturnPathSource>(sp => sp.GetRequiredService<VerifiedDomainReturnPaths>());
        services.AddSingleton(RecurringJob.For<VerifiedDomainReturnPathsJob>(VerifiedDomainReturnPathsJob.Key, VerifiedDomainReturnPathsJob.Interval, TimeSpan.Zero));
        services.AddSingleton(RecurringJob.For<ComplaintRateAlertJob>(ComplaintRateAlertJob.Key, ComplaintRateAlertJob.Interval, ComplaintRateAlertJob.Interval));
        services.AddScoped<SuppressionService>();
        services.AddSingleton<ComplaintRatesView>();
        services.AddSingleton<SuppressionLifetimes>();
        services.AddScoped<TenantFeedbackSettingsService>();
        services.ConfigureAllQuartzSchedulers(q => q
            .AddJob<SuppressionPurgeJob>(j => j.WithIdentity(SuppressionPurgeJob.Key))
            .AddTrigger(t => t.ForJob(SuppressionPurgeJob.Key).StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever())));
        return services;
    }

    public static WebApplication MapSuppressionsModule(this WebApplication app)
    {
        app.MapSuppressionsEndpoints();
        app.MapComplaintRateEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapSuppressionsUiEndpoints();
        return app;
    }
}
