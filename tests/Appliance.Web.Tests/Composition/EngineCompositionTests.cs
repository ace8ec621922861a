using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Mta.Hosting;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue;
using Appliance.Mta.Reception;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Modules.Reports.Mail;
using Appliance.Web.Modules.Webhooks.Alerts;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Startup;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Appliance.Web.Tests.Composition;

/// <summary>
/// The engine composes itself (issue 18): AddMtaEngine registers the engine's policies, filters and listeners in the
/// order of <see cref="EnginePipeline"/>, the host only fills its slots; the host starts through one ordered list of
/// steps; settable dependencies are constructor arguments; the API's access rules live in the table only.
/// </summary>
public sealed class EngineCompositionTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public void Recipient_policies_run_in_the_documented_order_with_the_host_slots_filled()
    {
        var types = factory.Services.GetServices<IRecipientPolicy>().Select(p => p.GetType()).ToList();

        Assert.Equal(
        [
            typeof(Appliance.Mta.Storage.DiskGuard), typeof(ReportRecipientPolicy), typeof(Appliance.Mta.Inbound.InboundAddressPolicy),
            typeof(Appliance.Mta.Suppression.SuppressionRecipientPolicy), typeof(TenantRateLimitRecipientPolicy),
        ], types);
    }

    [Fact]
    public void Reception_filters_are_the_list_and_each_declares_its_listed_order()
    {
        var filters = factory.Services.GetServices<IReceptionFilter>().ToList();

        Assert.Equal(EnginePipeline.ReceptionFilters.Count, filters.Count);
        Assert.Equal(EnginePipeline.ReceptionFilters.Select(s => s.Order), filters.Select(f => f.Order));
        Assert.Equal(EnginePipeline.ReceptionFilters.Select(s => s.Order).Order(), EnginePipeline.ReceptionFilters.Select(s => s.Order));
        Assert.IsType<ReportMailFilter>(filters[1]);
        Assert.IsType<TenantRateLimitFilter>(filters[^1]);
        foreach (var (step, filter) in EnginePipeline.ReceptionFilters.Zip(filters))
        {
            if (step.Implementation is { } type) Assert.IsType(type, filter);
        }
    }

    [Fact]
    public void Event_listeners_are_the_list_in_order()
    {
        var types = factory.Services.GetServices<IEventListener>().Select(l => l.GetType()).ToList();

        Assert.Equal(
        [
            typeof(Appliance.Mta.Diagnostics.OutcomeInstruments), typeof(WebhookEventListener), typeof(AlertDigestCollector),
            typeof(Appliance.Mta.Suppression.SuppressionEventListener), typeof(Appliance.Mta.Suppression.ComplaintRateCounter),
            typeof(WarmupFeedbackListener), typeof(Appliance.Web.Services.TenantMetering.TenantUsageMeter), typeof(Appliance.Web.Cluster.Nodes.NodeAlerts),
        ], types);
    }

    [Fact]
    public void An_empty_host_slot_continues()
    {
        var index = EnginePipeline.RecipientPolicies.ToList().FindIndex(s => s.Name == EnginePipeline.TenantLimits);
        var descriptor = new ServiceCollection().AddMtaEngine().Where(d => d.ServiceType == typeof(IRecipientPolicy)).ElementAt(index);
        using var empty = new ServiceCollection().BuildServiceProvider();

        var policy = (IRecipientPolicy)descriptor.ImplementationFactory!(empty);

        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(new RecipientCheck("t", "a@example.com", "b@example.net", true, "127.0.0.1")).Kind);
    }

    [Fact]
    public void The_queue_classifies_with_the_one_reloadable_classifier()
    {
        Assert.Same(factory.Services.GetRequiredService<BounceClassifier>(), factory.Services.GetRequiredService<OutcomeApplier>().Classifier);
    }

    [Fact]
    public void The_event_log_keeps_its_files_one_day_past_the_configured_retention()
    {
        using var host = ApplianceFactory.WithSettings(new() { ["Appliance:Events:RetentionDays"] = "7" });

        Assert.Equal(TimeSpan.FromDays(8), host.Services.GetRequiredService<EventLog>().Retention);
    }

    [Fact]
    public void The_host_starts_through_the_ordered_step_list_before_the_engine()
    {
        var hosted = factory.Services.GetServices<IHostedService>().ToList();
        var runner = hosted.OfType<StartupRunner>().Single();

        Assert.Equal(StartupSteps.Names, runner.Steps.Select(s => s.Name));
        Assert.Equal(StartupSteps.MigrateDatabase, runner.Steps[0].Name);
        Assert.True(hosted.IndexOf(runner) < hosted.FindIndex(h => h is MtaEngineHostedService));
    }

    [Fact]
    public void Api_endpoints_declare_no_access_rules_of_their_own()
    {
        var api = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(api);

        var withPolicies = api.Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.DisplayName).ToList();

        Assert.Empty(withPolicies);
    }
}
