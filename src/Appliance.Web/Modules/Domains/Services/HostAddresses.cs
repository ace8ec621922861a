using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>The host's own unicast addresses (not loopback, not IPv6 link-local): where mail leaves from without sources.</summary>
public static class HostAddresses
{
    public static IReadOnlyList<IPAddress> Find()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
                .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                .Distinct().ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
