using Appliance.Mta.Diagnostics;
using Appliance.Mta.Dkim;
using Appliance.Mta.Events;
using Appliance.Mta.Inbound;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Mta.Storage;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Mta.Hosting;

/// <summary>
/// The engine's recipient policies, reception filters and event listeners, in the order they run: one list, here
/// (docs/architecture.md, "Host and engine"). <see cref="MtaServiceCollectionExtensions.AddMtaEngine"/> registers
/// every line. Lines of the engine name its own type; host slots are filled by the host with a keyed service of the
/// step's interface whose key is the slot's name (<c>AddKeyedSingleton&lt;IRecipientPolicy, X&gt;(EnginePipeline.TenantLimits)</c>)
/// or stay empty. The host adds no unkeyed policy, filter or listener of its own.
/// </summary>
public static class EnginePipeline
{
    /// <summary>Host slot: the report mailboxes (DMARC and TLS-RPT reports by mail), a recipient policy and a reception filter.</summary>
    public const string ReportMailboxes = "report-mailboxes";

    /// <summary>Host slot: per-tenant quotas (hour, day, month, per sending domain, recipients, size), a recipient policy and a reception filter.</summary>
    public const string TenantLimits = "tenant-limits";

    /// <summary>Host slot: per-tenant daily usage metering (accepted, delivered, bounced, ... per sending domain).</summary>
    public const string TenantMetering = "tenant-metering";

    /// <summary>Host slot: the webhook dispatcher's listener.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Host slot: the administrators' alert digest.</summary>
    public const string AlertDigest = "alert-digest";

    /// <summary>Host slot: warmup feedback (complaints and bounces slow a source's warmup).</summary>
    public const string WarmupFeedback = "warmup-feedback";

    /// <summary>Host slot: keeps this node's last Alert events for the cluster's node registry.</summary>
    public const string NodeAlerts = "node-alerts";

    /// <summary>Asked at RCPT time (and by HTTP injection) in this order; the first answer other than Continue decides.</summary>
    public static IReadOnlyList<PipelineStep> RecipientPolicies { get; } =
    [
        PipelineStep.Engine<DiskGuard>("disk-guard", "452 4.3.1 while the data folder is short of space (also MAIL FROM and reservations)"),
        PipelineStep.Host(ReportMailboxes, "accepts the report mailboxes' addresses (before inbound refuses unknown local parts)"),
        PipelineStep.Engine<InboundAddressPolicy>("inbound-addresses", "VERP and return-path addresses accepted without AUTH, unknown ones 550 5.1.1"),
        PipelineStep.Engine<SuppressionRecipientPolicy>("suppressions", "suppressed recipients 550 5.7.1 (when the tenant rejects rather than drops)"),
        PipelineStep.Host(TenantLimits, "tenant quotas: 452 4.7.0 hour/day/domain full, 550 5.7.0 month, 452 4.5.3 recipients, 552 5.3.4 size"),
    ];

    /// <summary>Run on the complete message before the spool, in ascending <see cref="IReceptionFilter.Order"/> (the order here).</summary>
    public static IReadOnlyList<PipelineStep> ReceptionFilters { get; } =
    [
        PipelineStep.Engine<DiskGuard>("disk-guard", "452 4.3.1 while the data folder is short of space", 0),
        PipelineStep.Host(ReportMailboxes, "stores DMARC/TLS-RPT reports sent to the report mailboxes and answers 250", 90),
        PipelineStep.Engine<InboundProcessingFilter>("inbound-processing", "ARF complaints, DSNs and unsubscribe mails: events and suppressions, 250", 100),
        PipelineStep.Engine<SuppressionDropFilter>("suppression-drops", "drops suppressed recipients (Suppressed event)", 200),
        PipelineStep.Engine<TraceHeaderFilter>("trace-header", "adds the X-Appliance-Id trace field", 250),
        PipelineStep.Engine<UnsubscribeHeaderFilter>("unsubscribe-headers", "RFC 8058 List-Unsubscribe and List-Unsubscribe-Post", 300),
        PipelineStep.Engine<DkimSigningFilter>("dkim-signing", "DKIM signature over the final bytes (RFC 6376)", 900),
        PipelineStep.Host(TenantLimits, "counts the message in the tenant's quotas, or refuses it as at RCPT (552 5.3.4 over the size)", 950),
    ];

    /// <summary>Called for every event after it is counted and logged, in this order.</summary>
    public static IReadOnlyList<PipelineStep> EventListeners { get; } =
    [
        PipelineStep.Engine<OutcomeInstruments>("outcome-instruments", "delivery outcome counters and latency histograms (docs/telemetry.md)"),
        PipelineStep.Host(Webhooks, "queues the event for the matching webhook endpoints"),
        PipelineStep.Host(AlertDigest, "collects Alert events for the administrators' digest"),
        PipelineStep.Engine<SuppressionEventListener>("auto-suppression", "hard bounces and complaints become suppressions"),
        PipelineStep.Engine<ComplaintRateCounter>("complaint-rates", "complaint and bounce rates per tenant and source"),
        PipelineStep.Host(WarmupFeedback, "complaints and bounces slow a source's warmup"),
        PipelineStep.Host(TenantMetering, "counts the tenant's daily usage per sending domain"),
        PipelineStep.Host(NodeAlerts, "keeps this node's last alerts for the node registry (no event-log scan per heartbeat)"),
    ];

    /// <summary>One unkeyed registration per line, in list order (what <c>IEnumerable&lt;T&gt;</c> then yields).</summary>
    internal static void Register(IServiceCollection services)
    {
        foreach (var step in RecipientPolicies) services.Add(Describe<IRecipientPolicy>(step));
        foreach (var step in ReceptionFilters) services.Add(Describe<IReceptionFilter>(step));
        foreach (var step in EventListeners) services.Add(Describe<IEventListener>(step));
    }

    private static ServiceDescriptor Describe<T>(PipelineStep step) where T : class =>
        step.Implementation is { } type
            ? ServiceDescriptor.Singleton<T>(sp => (T)sp.GetRequiredService(type))
            : ServiceDescriptor.Singleton<T>(sp => sp.GetKeyedService<T>(step.Name) ?? (T)(object)new AbsentHostStep(step.Order));
}
