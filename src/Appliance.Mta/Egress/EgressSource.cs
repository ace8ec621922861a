using System.Net;

namespace Appliance.Mta.Egress;

/// <summary>
/// An egress source (KumoMTA egress_source, PowerMTA virtual MTA): the local address outbound connections bind to and
/// the name they say in EHLO. A null <see cref="BindAddress"/> lets the kernel choose; a null <see cref="EhloName"/>
/// uses the appliance's host name.
/// </summary>
public sealed record EgressSource(string Name, IPAddress? BindAddress = null, string? EhloName = null);
