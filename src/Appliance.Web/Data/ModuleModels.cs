namespace Appliance.Web.Data;

/// <summary>
/// The feature modules whose tables live in <see cref="ApplianceDbContext"/>, in a fixed order. A module with tables
/// adds its <see cref="ModuleModel"/> here; its migrations then go into the provider streams (docs/storage.md).
/// </summary>
public static class ModuleModels
{
    public static IReadOnlyList<ModuleModel> All { get; } =
    [
        new global::Appliance.Web.Modules.Domains.DomainsModel(),
        new global::Appliance.Web.Modules.Suppressions.SuppressionsModel(),
        new global::Appliance.Web.Modules.Webhooks.WebhooksModel(),
        new global::Appliance.Web.Modules.BounceRules.BounceRulesModel(),
        new global::Appliance.Web.Modules.Pools.PoolsModel(),
        new global::Appliance.Web.Modules.TlsReporting.TlsReportingModel(),
        new global::Appliance.Web.Modules.Reports.ReportsModel(),
        new global::Appliance.Web.Modules.TenantUsers.TenantUsersModel(),
        new global::Appliance.Web.Modules.Inspection.InspectionModel(),
        new global::Appliance.Web.Cluster.Keys.ClusterKeysModel(),
        new global::Appliance.Web.Cluster.Settings.ClusterSettingsModel(),
    ];
}
