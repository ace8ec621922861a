using System.Net;

namespace Appliance.Mta.Egress;

/// <summary>
/// An egress source (KumoMTA egress_source, PowerMTA virtual MTA): the local address outbound connections bind to and
/// the name they say in EHLO. A null <see cref="BindAddress"/> lets the kernel choose; a null <see cref="EhloName"/>
/// uses the appliance's host name. In a cluster, <see cref="Node"/> names the node whose host has the address
/// (<c>Appliance:Cluster:NodeName</c>): only that node sends from the source; null lets any node use it.
/// </summary>
public sealed record EgressSource(string Name, IPAddress? BindAddress = null, string? EhloName = null, string? Node = null);
