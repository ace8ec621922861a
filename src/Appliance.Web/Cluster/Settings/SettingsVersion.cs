namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Table SettingsVersions: one row per <see cref="SettingsArea"/>, its version bumped (<c>Version + 1</c>) in the same
/// transaction as any change to the area's tables (<see cref="SettingsVersionInterceptor"/>). The row lock orders
/// concurrent writers, so versions grow in commit order and a node that missed a notice sees the change here.
/// </summary>
public sealed class SettingsVersion
{
    /// <summary>The <see cref="SettingsArea"/> name.</summary>
    public required string Area { get; set; }

    public long Version { get; set; }
}
