using Appliance.Web.Data;

namespace Appliance.Web.Cluster.Keys;

/// <summary>The shared Data Protection key ring (<see cref="SharedDataProtectionKey"/>); used in cluster mode only.</summary>
public sealed class ClusterKeysModel : ModuleModel;
