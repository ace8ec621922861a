using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// The host's own unicast addresses (interfaces that are up; no loopback, no IPv6 link-local): what the kernel picks
/// from when an egress source has no bind address. Used to suggest an SPF record and to name them in the DNS checks when no egress source names one.
/// </summary>
public class HostAddresses
{
    public virtual IReadOnlyList<IPAddress> List()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
                .Where(a => !IPAddress.IsLoopback(a) && !(a.AddressFamily == AddressFamily.InterNetworkV6 && (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast)))
                .Distinct()
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
