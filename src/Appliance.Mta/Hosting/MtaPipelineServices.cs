using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Dkim;
using Appliance.Mta.Events;
using Appliance.Mta.Inbound;
using Appliance.Mta.Storage;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Hosting;

/// <summary>
/// The engine's own policy, filter and listener types of <see cref="EnginePipeline"/> and what they need, plus the
/// engine's observable instruments. The seams they ask the host for: <see cref="ISuppressionStore"/>,
/// <see cref="ITenantFeedbackSettingsSource"/>, <see cref="IDkimKeyProvider"/> and, optionally,
/// <see cref="IDomainReturnPathSource"/>; options the host binds: <see cref="DiskGuardOptions"/>,
/// <see cref="SuppressionOptions"/>, <see cref="InstrumentOptions"/>.
/// </summary>
internal static class MtaPipelineServices
{
    public static void Register(IServiceCollection services)
    {
        // The guard writes its alerts through the engine's sink, resolved late: listeners of that sink may depend on the reception pipeline.
        services.AddSingleton(sp => new DiskGuard(DataDir(sp), sp.GetRequiredService<IOptions<DiskGuardOptions>>().Value,
            e => sp.GetRequiredService<IEventSink>().Write(e), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DiskGuard>>()));

        // Inbound feedback and suppressions: one HMAC key for VERP, trace and unsubscribe tokens, from the file under
        // {DataDir} unless the host supplies its own source (cluster mode: one key for every node).
        services.TryAddSingleton<IFeedbackKeySource>(sp => new FileFeedbackKeySource(DataDir(sp)));
        services.AddSingleton(sp => FeedbackKey.Deferred(sp.GetRequiredService<IFeedbackKeySource>().Load));
        services.AddSingleton(sp => new VerpCodec(sp.GetRequiredService<FeedbackKey>(), sp.GetRequiredService<IOptions<SuppressionOptions>>().Value.VerpPrefix));
        services.AddSingleton<VerpReturnPath>();
        services.AddSingleton<TraceHeaderCodec>();
        services.AddSingleton<UnsubscribeTokenCodec>();
        services.AddSingleton<SuppressionIndex>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<UnsubscribeRecorder>();
        services.AddSingleton<ComplaintRateCounter>();
        // Cluster mode claims each alert once for the cluster (the host registers its own IAlertClaims).
        services.TryAddSingleton<IAlertClaims, LocalAlertClaims>();
        services.AddSingleton<ComplaintRateAlerts>();
        // The counter's 24-hour window survives restarts: restored before the engine starts, saved after it stops.
        services.AddSingleton<ComplaintRatePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<ComplaintRatePersistence>());
        services.TryAddSingleton<IOriginalMessageLookup, EventLogOriginalMessageLookup>();

        services.AddSingleton<InboundAddressPolicy>();
        services.AddSingleton<SuppressionRecipientPolicy>();
        services.AddSingleton<InboundProcessingFilter>();
        services.AddSingleton<SuppressionDropFilter>();
        services.AddSingleton<TraceHeaderFilter>();
        services.AddSingleton<UnsubscribeHeaderFilter>();
        services.AddSingleton<DkimSigningFilter>();
        services.AddSingleton<SuppressionEventListener>();
        services.AddSingleton(sp => new OutcomeInstruments(sp.GetRequiredService<IOptions<InstrumentOptions>>().Value.MaxLabelValues));
        EnginePipeline.Register(services);

        // Observable gauges (they exist while the objects live; the host's exporter takes every set).
        services.AddSingleton(sp => new StorageInstruments(DataDir(sp)));
        services.AddSingleton<ComplaintRateInstruments>();
        services.AddSingleton(sp => new QueueInstruments(sp.GetRequiredService<IQueueAdmin>(), sp.GetRequiredService<DeliveryDispatcher>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<InstrumentOptions>>().Value.TopQueues));
        services.AddSingleton<IObservableInstruments>(sp => sp.GetRequiredService<StorageInstruments>());
        services.AddSingleton<IObservableInstruments>(sp => sp.GetRequiredService<ComplaintRateInstruments>());
        services.AddSingleton<IObservableInstruments>(sp => sp.GetRequiredService<QueueInstruments>());
    }

    private static string DataDir(IServiceProvider sp) =>
        Path.GetFullPath(sp.GetRequiredService<IOptions<MtaOptions>>().Value.DataDir);
}
