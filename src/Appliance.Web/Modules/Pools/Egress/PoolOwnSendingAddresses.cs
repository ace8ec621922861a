using System.Net;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Reports.Ownership;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>
/// Own addresses for the DMARC reports: every egress source's bind address in the live plan, plus the configured
/// <c>Appliance:Dkim:SendingIps</c> (NAT'd or external addresses the sources cannot see). A report source IP that is
/// neither is "unknown".
/// </summary>
public sealed class PoolOwnSendingAddresses(EgressConfiguration egress, ConfiguredOwnSendingAddresses configured) : IOwnSendingAddresses
{
    public bool IsOwn(string ip)
    {
        if (configured.IsOwn(ip)) return true;
        if (!IPAddress.TryParse(ip, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return egress.Plan.Sources.Any(s => s.BindAddress is { } bind && bind.Equals(address));
    }

    public IReadOnlyList<string> Describe() =>
        [.. configured.Describe(), .. egress.Plan.Sources.Where(s => s.BindAddress is not null).Select(s => $"{s.BindAddress} ({s.Name})")];
}
