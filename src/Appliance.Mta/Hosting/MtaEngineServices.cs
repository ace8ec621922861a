using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Dns;
using Appliance.Mta.DomainHealth;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Reception;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Hosting;

/// <summary>The engine's service registrations (called by <see cref="MtaServiceCollectionExtensions.AddMtaEngine"/>).</summary>
internal static class MtaEngineServices
{
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Settings: one published snapshot (validated together), starting from the bound and validated options;
        // IOptions<MtaOptions>.Value is the snapshot in force, so host code that reads it sees run-time changes too.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MtaOptions>, MtaOptionsValidator>());
        services.TryAddSingleton(sp => new MtaSettings(sp.GetRequiredService<IOptionsFactory<MtaOptions>>().Create(Options.DefaultName)));
        services.TryAddSingleton<IMtaSettings>(sp => sp.GetRequiredService<MtaSettings>());
        services.AddSingleton<IOptions<MtaOptions>>(sp => new CurrentMtaOptions(sp.GetRequiredService<IMtaSettings>()));
        services.AddSingleton<SpoolIdGenerator>();
        services.AddSingleton<ISpool>(sp => new SegmentSpool(
            Path.Combine(DataDir(sp), "spool"), sp.GetRequiredService<ILogger<SegmentSpool>>()));
        services.AddSingleton(sp => new EventLog(Path.Combine(DataDir(sp), "events"), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventLog>>(), sp.GetRequiredService<IOptions<EventLogOptions>>().Value.Retention));
        // Every event is counted (MtaMetrics: counters and the per-minute ring) before it reaches the log.
        services.AddSingleton(sp => new MtaMetrics(sp.GetRequiredService<TimeProvider>(), () => sp.GetRequiredService<MtaGaugeReader>().Read()));
        services.AddSingleton<MtaGaugeReader>();
        services.AddSingleton<IEventSink>(sp => new MetricsEventSink(
            new ListeningEventSink(sp.GetRequiredService<EventLog>(), sp.GetServices<IEventListener>(), sp.GetRequiredService<ILogger<ListeningEventSink>>()),
            sp.GetRequiredService<MtaMetrics>()));
        services.TryAddSingleton<IDnsResolver, DnsClientResolver>();
        services.AddSingleton(sp => new NextHopResolver(
            sp.GetRequiredService<IDnsResolver>(), sp.GetRequiredService<IRouteTable>(), sp.GetRequiredService<IMtaSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DomainHealthChecker>();
        // Outbound MTA-STS (RFC 8461): policy cache under {DataDir}/mta-sts, TLS outcomes for TLS-RPT.
        services.AddSingleton(sp => MtaStsOptions.From(sp.GetService<IConfiguration>()));
        services.AddSingleton(sp => MtaStsTrust.FromOptions(sp.GetRequiredService<MtaStsOptions>()));
        // Outbound HTTP never reaches private or local addresses unless allowed (Appliance:OutboundHttp:AllowedNetworks).
        services.TryAddSingleton(sp => new Http.OutboundHttpGuard(Http.OutboundHttpOptions.From(sp.GetService<IConfiguration>())));
        services.AddSingleton(sp => new MtaStsPolicyFetcher(sp.GetRequiredService<IDnsResolver>(), sp.GetRequiredService<MtaStsOptions>(),
            sp.GetRequiredService<MtaStsTrust>(), sp.GetRequiredService<Http.OutboundHttpGuard>()));
        services.AddSingleton<IMtaStsPolicySource>(sp => sp.GetRequiredService<MtaStsPolicyFetcher>());
        services.AddSingleton(sp => new MtaStsPolicyStore(Path.Combine(DataDir(sp), "mta-sts")));
        services.AddSingleton<MtaStsPolicyResolver>();
        services.AddSingleton<TlsReportStore>();
        services.AddSingleton<MtaStsEnforcer>();
        // The queue, one job per type: messages in, state, timer, outcomes (retry, expiry, DSN), lookups, compaction,
        // admin. Delivery reads the scheduler's due channel and reports back through IDeliveryOutcomes only.
        services.TryAddSingleton<Bounces.Classification.BounceClassifier>();
        services.AddSingleton<QueueStore>();
        services.AddSingleton<QueueScheduler>();
        services.AddSingleton<MessageAcceptor>();
        services.AddSingleton<OutcomeApplier>();
        services.AddSingleton<IDeliveryOutcomes>(sp => sp.GetRequiredService<OutcomeApplier>());
        services.AddSingleton<QueueLookup>();
        services.AddSingleton<SpoolCompactor>();
        // Outbound DANE (RFC 7672): used only with Appliance:Dns:DnssecValidating=true (a validating resolver's AD bit).
        services.TryAddSingleton<Delivery.Dane.IDnssecResolver, Delivery.Dane.DnsClientDnssecResolver>();
        services.AddSingleton<Delivery.Dane.DanePolicyResolver>();
        services.AddSingleton<Delivery.Dane.DaneEnforcer>();
        services.AddSingleton<QueueManager>();
        services.AddSingleton<QueueHandover>();
        // IP pools and traffic shaping: the host replaces the egress plan, caps and overrides at run time.
        services.AddSingleton<Egress.EgressConfiguration>();
        services.AddSingleton<Egress.WarmupLimiter>();
        services.AddSingleton<Egress.EgressSelector>();
        // Where rates, connection slots and backoffs are shared: in process unless the host supplies cluster stores.
        services.TryAddSingleton<Shaping.IThrottleStore, Shaping.LocalThrottleStore>();
        services.TryAddSingleton<Shaping.IConnectionLeases, Shaping.LocalConnectionLeases>();
        services.TryAddSingleton<Shaping.IBackoffStore>(Shaping.LocalBackoffStore.Instance);
        services.AddSingleton(sp => new Shaping.BackoffTracker(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Shaping.IBackoffStore>()));
        services.AddSingleton<Shaping.TrafficShaper>();
        // Reception filters (DKIM signing, suppression drops, inbound bounce processing) run before the spool.
        services.AddSingleton<ReceptionPipeline>();
        services.AddSingleton<IMessageSink>(sp => sp.GetRequiredService<ReceptionPipeline>());
        services.AddSingleton<IQueueAdmin>(sp => sp.GetRequiredService<QueueManager>());
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<IReadyQueueControl>(sp => sp.GetRequiredService<DeliveryDispatcher>());
        // Recipient policies, reception filters and event listeners in their documented order (EnginePipeline).
        MtaPipelineServices.Register(services);
        services.AddSingleton<MtaEngineStatus>();
        services.AddSingleton<IMtaStatus>(sp => sp.GetRequiredService<MtaEngineStatus>());
        services.AddSingleton<MtaEngineHostedService>();
        services.AddSingleton<IListenerCertificate>(sp => sp.GetRequiredService<MtaEngineHostedService>());
        services.AddHostedService(sp => sp.GetRequiredService<MtaEngineHostedService>());
    }

    private static string DataDir(IServiceProvider sp) =>
        Path.GetFullPath(sp.GetRequiredService<IOptions<MtaOptions>>().Value.DataDir);
}
