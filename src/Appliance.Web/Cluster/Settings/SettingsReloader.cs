using System.Collections.Frozen;
using Appliance.Web.Engine;
using Appliance.Web.Modules.BounceRules;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Services;
using Appliance.Web.Services.EngineSettings;
using Appliance.Web.Services.TenantLimits;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// The reload of each <see cref="SettingsArea"/>, as a table: the same snapshot loaders the start-up steps and the
/// services call after their own writes. API keys are read from the database on every request (nothing to reload).
/// </summary>
public sealed class SettingsReloader(IServiceProvider services)
{
    private static readonly FrozenDictionary<SettingsArea, Func<IServiceProvider, CancellationToken, Task>> Reloads =
        new Dictionary<SettingsArea, Func<IServiceProvider, CancellationToken, Task>>
        {
            [SettingsArea.Tenants] = async (sp, ct) =>
            {
                await sp.GetRequiredService<EfTenantDirectory>().ReloadAsync(ct);
                await sp.GetRequiredService<TenantLimitsLoader>().ReloadAsync(ct);
                // A tenant's suspension or deletion changes who may authenticate.
                sp.GetRequiredService<EfSmtpCredentialStore>().InvalidateAll();
            },
            [SettingsArea.Credentials] = (sp, _) =>
            {
                sp.GetRequiredService<EfSmtpCredentialStore>().InvalidateAll();
                return Task.CompletedTask;
            },
            [SettingsArea.ApiKeys] = (_, _) => Task.CompletedTask,
            [SettingsArea.Domains] = async (sp, ct) =>
            {
                await sp.GetRequiredService<DomainKeySnapshot>().ReloadAsync(ct);
                await sp.GetRequiredService<VerifiedDomainReturnPaths>().ReloadAsync(ct);
                await sp.GetRequiredService<TenantFeedbackSettingsCache>().ReloadAsync(ct);
            },
            [SettingsArea.Pools] = async (sp, ct) =>
            {
                await sp.GetRequiredService<EgressService>().ApplyStoredPlanAsync(ct);
                await sp.GetRequiredService<ShapingService>().ApplyStoredOverridesAsync(ct);
            },
            [SettingsArea.Suppressions] = (sp, ct) => sp.GetRequiredService<SuppressionSync>().ReadNewAsync(ct),
            [SettingsArea.SuppressionRemovals] = (sp, ct) => sp.GetRequiredService<SuppressionSync>().RebuildAsync(ct),
            [SettingsArea.FeedbackSettings] = (sp, ct) => sp.GetRequiredService<TenantFeedbackSettingsCache>().ReloadAsync(ct),
            [SettingsArea.Routes] = (sp, ct) => sp.GetRequiredService<EfRouteTable>().ReloadAsync(ct),
            [SettingsArea.EngineSettings] = async (sp, ct) =>
            {
                await sp.GetRequiredService<HostnameSetting>().ApplyStoredAsync(ct);
                await sp.GetRequiredService<EngineSettingsService>().ApplyStoredAsync(ct);
            },
            [SettingsArea.Webhooks] = (sp, ct) => sp.GetRequiredService<WebhookDispatcher>().ReloadAsync(ct),
            [SettingsArea.BounceRules] = (sp, ct) => sp.GetRequiredService<BounceRulesRuntime>().ReloadAsync(ct),
        }.ToFrozenDictionary();

    /// <summary>Every area has a reload (checked by a test).</summary>
    public static IReadOnlyCollection<SettingsArea> Covered => Reloads.Keys;

    public Task ReloadAsync(SettingsArea area, CancellationToken cancellationToken) => Reloads[area](services, cancellationToken);
}
