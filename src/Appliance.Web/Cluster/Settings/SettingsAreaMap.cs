using System.Collections.Frozen;
using Appliance.Web.Data.Entities;
using Appliance.Web.Modules.BounceRules;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Modules.Webhooks.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Which saved change belongs to which <see cref="SettingsArea"/>, as two tables: the entity types of each area's
/// snapshot, and the audit actions of changes made with bulk statements (<c>ExecuteDelete</c>, which bypasses the
/// change tracker but writes its audit row through SaveChanges). Run-time state that is not a setting (usage
/// buckets, warmup day counters, webhook deliveries, the audit log itself) maps to nothing. A domain's DNS check run
/// does map (to <see cref="SettingsArea.Domains"/>): its "return-path-mx" verdict decides whether the domain's
/// return path is answered for, which every node must know at once, not at its next minute's reload.
/// </summary>
public static class SettingsAreaMap
{
    public static FrozenDictionary<Type, SettingsArea> ByEntity { get; } = new Dictionary<Type, SettingsArea>
    {
        [typeof(Tenant)] = SettingsArea.Tenants,
        [typeof(SmtpCredentialEntity)] = SettingsArea.Credentials,
        [typeof(ApiKey)] = SettingsArea.ApiKeys,
        [typeof(RouteEntry)] = SettingsArea.Routes,
        [typeof(Setting)] = SettingsArea.EngineSettings,
        [typeof(SendingDomain)] = SettingsArea.Domains,
        [typeof(DkimKey)] = SettingsArea.Domains,
        [typeof(TenantSendingPolicy)] = SettingsArea.Domains,
        [typeof(DomainCheckRun)] = SettingsArea.Domains,
        [typeof(EgressSourceRecord)] = SettingsArea.Pools,
        [typeof(EgressPoolRecord)] = SettingsArea.Pools,
        [typeof(EgressPoolMemberRecord)] = SettingsArea.Pools,
        [typeof(PoolAssignmentRecord)] = SettingsArea.Pools,
        [typeof(EgressSettingsRecord)] = SettingsArea.Pools,
        [typeof(ShapingOverrideRecord)] = SettingsArea.Pools,
        [typeof(WarmupPlanRecord)] = SettingsArea.Pools,
        [typeof(WarmupAttachmentRecord)] = SettingsArea.Pools,
        [typeof(SuppressionRecord)] = SettingsArea.Suppressions,
        [typeof(TenantFeedbackSettingsRecord)] = SettingsArea.FeedbackSettings,
        [typeof(WebhookEndpoint)] = SettingsArea.Webhooks,
        [typeof(BounceRuleRecord)] = SettingsArea.BounceRules,
    }.ToFrozenDictionary();

    /// <summary>Audit actions (exact) whose change is made outside the change tracker.</summary>
    public static FrozenDictionary<string, SettingsArea> ByAuditAction { get; } = new Dictionary<string, SettingsArea>(StringComparer.Ordinal)
    {
        ["suppression.remove"] = SettingsArea.SuppressionRemovals,
        ["smtp-credential.delete"] = SettingsArea.Credentials,
        ["api-key.delete"] = SettingsArea.ApiKeys,
        ["route.delete"] = SettingsArea.Routes,
        ["webhook.delete"] = SettingsArea.Webhooks,
    }.ToFrozenDictionary();

    /// <summary>The areas touched by the pending changes of a context.</summary>
    public static IReadOnlySet<SettingsArea> AreasOf(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var areas = new HashSet<SettingsArea>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (ByEntity.TryGetValue(entry.Metadata.ClrType, out var area)) areas.Add(area);
            else if (entry.Entity is AuditEntry audit && ByAuditAction.TryGetValue(audit.Action, out var byAction)) areas.Add(byAction);
        }
        return areas;
    }
}
