using System.Net;
using Appliance.Web.Modules.Domains;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Ownership;

/// <summary>
/// Own addresses from configuration: <c>Appliance:Dkim:SendingIps</c> (the addresses the DNS checks test), each an
/// IP or a CIDR network. Re-read when the configuration changes.
/// </summary>
public sealed class ConfiguredOwnSendingAddresses(IOptionsMonitor<DkimOptions> dkim) : IOwnSendingAddresses
{
    public bool IsOwn(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var entry in dkim.CurrentValue.SendingIps)
        {
            var text = entry.Trim();
            if (IPAddress.TryParse(text, out var own) && own.Equals(address)) return true;
            if (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var net) && net.Contains(address)) return true;
        }
        return false;
    }

    public IReadOnlyList<string> Describe() => [.. dkim.CurrentValue.SendingIps];
}
