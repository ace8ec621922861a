using Appliance.Web.Scheduling;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Inbound;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Mta.Suppression;
using Appliance.Web.Data.Modules;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// Suppressions and inbound feedback: the module's tables, the engine's suppression index, recipient policies,
/// reception filters (inbound reports 100, drops 200, trace header 250, unsubscribe headers 300), the bounce
/// listener, the VERP return path, the API and the public unsubscribe endpoint.
/// </summary>
public static class SuppressionsModule
{
    public static IServiceCollection AddSuppressionsModule(this IServiceCollection services)
    {
        services.AddOptions<SuppressionOptions>().BindConfiguration(SuppressionOptions.Section);
        services.AddSingleton(sp => FeedbackKey.LoadOrCreate(Path.GetFullPath(sp.GetRequiredService<IOptions<MtaOptions>>().Value.DataDir)));
        services.AddSingleton<SuppressionIndex>();
        services.AddSingleton<SqliteSuppressionStore>();
        services.AddSingleton<ISuppressionStore>(sp => sp.GetRequiredService<SqliteSuppressionStore>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteSuppressionStore>());
        services.AddSingleton<TenantFeedbackSettingsCache>();
        services.AddSingleton<ITenantFeedbackSettingsSource>(sp => sp.GetRequiredService<TenantFeedbackSettingsCache>());
        services.AddSingleton<IModuleMigrator, SuppressionIndexLoader>();
        services.AddSingleton<SuppressionList>();
        services.TryAddSingleton<BounceClassifier>();
        services.AddSingleton(sp => new VerpCodec(sp.GetRequiredService<FeedbackKey>(), sp.GetRequiredService<IOptions<SuppressionOptions>>().Value.VerpPrefix));
        services.AddSingleton<VerifiedDomainReturnPaths>();
        services.AddSingleton<TenantReturnPathVerifier>();
        services.AddSingleton<IDomainReturnPathSource>(sp => sp.GetRequiredService<VerifiedDomainReturnPaths>());
        services.AddSingleton(RecurringJob.For<VerifiedDomainReturnPathsJob>(VerifiedDomainReturnPathsJob.Key, VerifiedDomainReturnPathsJob.Interval, TimeSpan.Zero));
        services.AddSingleton<VerpReturnPath>();
        services.AddSingleton<UnsubscribeTokenCodec>();
        services.AddSingleton<TraceHeaderCodec>();
        services.AddSingleton<UnsubscribeRecorder>();
        services.AddSingleton<ComplaintRateCounter>();
        services.AddSingleton<ComplaintRatePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<ComplaintRatePersistence>());
        services.AddSingleton<ComplaintRateAlerts>();
        services.AddSingleton(RecurringJob.For<ComplaintRateAlertJob>(ComplaintRateAlertJob.Key, ComplaintRateAlertJob.Interval, ComplaintRateAlertJob.Interval));
        services.AddSingleton<IOriginalMessageLookup, EventLogOriginalMessageLookup>();
        services.AddSingleton<IRecipientPolicy, InboundAddressPolicy>();
        services.AddSingleton<IRecipientPolicy, SuppressionRecipientPolicy>();
        services.AddSingleton<IReceptionFilter, InboundProcessingFilter>();
        services.AddSingleton<IReceptionFilter, SuppressionDropFilter>();
        services.AddSingleton<IReceptionFilter, TraceHeaderFilter>();
        services.AddSingleton<IReceptionFilter, UnsubscribeHeaderFilter>();
        services.AddSingleton<IEventListener, SuppressionEventListener>();
        services.AddSingleton<IEventListener>(sp => sp.GetRequiredService<ComplaintRateCounter>());
        services.AddScoped<SuppressionService>();
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
