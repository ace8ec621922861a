namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>A stored egress source (table EgressSources): bind address and EHLO name, by unique name.</summary>
public sealed class EgressSourceRecord
{
    public required string Name { get; set; }
    /// <summary>IPv4 or IPv6 literal to bind; null lets the kernel choose.</summary>
    public string? BindAddress { get; set; }
    /// <summary>EHLO name; null uses the appliance's host name.</summary>
    public string? EhloName { get; set; }
    /// <summary>
    /// The cluster node whose host has <see cref="BindAddress"/> (its <c>Appliance:Cluster:NodeName</c>); only that node
    /// sends from the source. Null: any node (a single node ignores it).
    /// </summary>
    public string? Node { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
