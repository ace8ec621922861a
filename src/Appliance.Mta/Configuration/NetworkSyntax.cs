
namespace Appliance.Mta.Configuration;

/// <summary>Validation of network settings for hosts that edit them (the same parser the engine uses).</summary>
public static class NetworkSyntax
{
    /// <summary>True for "192.0.2.0/24", "2001:db8::/32" or a single address.</summary>
    public static bool IsValidNetwork(string cidr) => IpNetwork.TryParse(cidr.Trim(), out _);
}
