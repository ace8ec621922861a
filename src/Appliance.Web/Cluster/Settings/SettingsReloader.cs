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
public sealed class SettingsReloader
{
    private readonly FrozenDictionary<SettingsArea, Func<CancellationToken, Task>> _reloads;

    public SettingsReloader(EfTenantDirectory tenants, TenantLimitsLoader tenantLimits, EfSmtpCredentialStore credentials, DomainKeySnapshot domainKeys,
        VerifiedDomainReturnPaths returnPaths, TenantFeedbackSettingsCache feedback, EgressService egress, ShapingService shaping,
        SuppressionSync suppressions, EfRouteTable routes, HostnameSetting hostname, EngineSettingsService engineSettings, WebhookDispatcher webhooks,
        BounceRulesRuntime bounceRules, TenantReturnPathVerifier returnPathMx)
    {
        _reloads = new Dictionary<SettingsArea, Func<CancellationToken, Task>>
        {
            [SettingsArea.Tenants] = async ct =>
            {
                await tenants.ReloadAsync(ct);
                await tenantLimits.ReloadAsync(ct);
                // A tenant's suspension or deletion changes who may authenticate.
                credentials.InvalidateAll();
            },
            [SettingsArea.Credentials] = _ =>
            {
                credentials.InvalidateAll();
                return Task.CompletedTask;
            },
            [SettingsArea.ApiKeys] = _ => Task.CompletedTask,
            [SettingsArea.Domains] = async ct =>
            {
                await domainKeys.ReloadAsync(ct);
                await returnPaths.ReloadAsync(ct);
                await feedback.ReloadAsync(ct);
                // A sending domain added or moved changes which tenant return-path domains pass the rules: verify now,
                // as the node that made the change does, not at the next minute's job.
                await returnPathMx.VerifyAsync(ct);
            },
            [SettingsArea.Pools] = async ct =>
            {
                await egress.ApplyStoredPlanAsync(ct);
                await shaping.ApplyStoredOverridesAsync(ct);
            },
            [SettingsArea.Suppressions] = suppressions.ReadNewAsync,
            [SettingsArea.SuppressionRemovals] = suppressions.RebuildAsync,
            [SettingsArea.FeedbackSettings] = async ct =>
            {
                await feedback.ReloadAsync(ct);
                // The reload keeps only domains verified before; a new return-path domain is answered for once its MX
                // is checked, here as on the node that set it (TenantFeedbackSettingsService), not at the next job.
                await returnPathMx.VerifyAsync(ct);
            },
            [SettingsArea.Routes] = routes.ReloadAsync,
            [SettingsArea.EngineSettings] = async ct =>
            {
                await hostname.ApplyStoredAsync(ct);
                await engineSettings.ApplyStoredAsync(ct);
            },
            [SettingsArea.Webhooks] = webhooks.ReloadAsync,
            [SettingsArea.BounceRules] = bounceRules.ReloadAsync,
        }.ToFrozenDictionary();
    }

    /// <summary>The areas with a reload (every one, checked by a test).</summary>
    public IReadOnlyCollection<SettingsArea> Covered => _reloads.Keys;

    public Task ReloadAsync(SettingsArea area, CancellationToken cancellationToken) => _reloads[area](cancellationToken);
}
