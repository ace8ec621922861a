namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// A part of the shared settings that a node holds as an in-memory snapshot and reloads as a whole when another node
/// changes it. Each area has one row in <see cref="SettingsVersion"/>; the entity types that belong to an area are
/// listed in <see cref="SettingsAreaMap"/>, the reload of each area in <see cref="SettingsReloader"/>.
/// </summary>
public enum SettingsArea
{
    Tenants,
    Credentials,
    ApiKeys,
    Domains,
    Pools,
    /// <summary>Suppressions added or changed: the reload reads the new rows only.</summary>
    Suppressions,
    /// <summary>Suppressions removed by an administrator: the reload rebuilds the index from the table.</summary>
    SuppressionRemovals,
    FeedbackSettings,
    Routes,
    EngineSettings,
    Webhooks,
    BounceRules,
}
