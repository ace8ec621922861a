using System.Net;

namespace Appliance.Mta.DomainHealth;

/// <summary>
/// One address mail for the domain leaves from, with the EHLO name said from it: an egress source's bind address
/// and EHLO name, or an explicitly listed extra address (NAT) with the appliance's host name.
/// </summary>
public sealed record SendingSource(string Name, IPAddress Address, string? EhloName);
