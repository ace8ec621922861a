using Appliance.Mta.Egress;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>The one row (Id 1) of table EgressSettings: default pool, warmup overflow and the shared-streams switch.</summary>
public sealed class EgressSettingsRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    /// <summary>The pool for unassigned traffic; null = "default" (the implicit pool over the kernel-chosen address).</summary>
    public string? DefaultPool { get; set; }
    public WarmupOverflow Overflow { get; set; } = WarmupOverflow.WarmSources;
    public bool AllowSharedStreams { get; set; }
}
