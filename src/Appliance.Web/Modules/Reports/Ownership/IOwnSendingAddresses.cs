namespace Appliance.Web.Modules.Reports.Ownership;

/// <summary>
/// Which source IPs in a report are the appliance's own egress addresses (the rest are "unknown": spoofing, or a
/// service the domain forgot). Today from configuration; IP pools can provide another implementation.
/// </summary>
public interface IOwnSendingAddresses
{
    /// <summary>True when <paramref name="ip"/> (text, IPv4-mapped IPv6 allowed) is one of the own addresses or inside an
    /// own network; false for anything else, including text that is not an address.</summary>
    bool IsOwn(string ip);

    /// <summary>The own addresses and networks as configured (for display).</summary>
    IReadOnlyList<string> Describe();
}
