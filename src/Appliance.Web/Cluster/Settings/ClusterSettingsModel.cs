using Appliance.Web.Data;

namespace Appliance.Web.Cluster.Settings;

/// <summary>The shared-settings version rows (<see cref="SettingsVersion"/>); present on every provider, used in cluster mode.</summary>
public sealed class ClusterSettingsModel : ModuleModel;
