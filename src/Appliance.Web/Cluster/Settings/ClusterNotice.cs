namespace Appliance.Web.Cluster.Settings;

/// <summary>"Area X changed, now at version V", sent by <paramref name="Node"/> after its transaction committed.</summary>
public sealed record ClusterNotice(SettingsArea Area, long Version, string Node);
