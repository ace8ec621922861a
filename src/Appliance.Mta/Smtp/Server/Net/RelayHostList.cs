using Appliance.Mta.Configuration;
using System.Net;

namespace Appliance.Mta.Smtp.Server.Net;

/// <summary>The options.Smtp.RelayHosts CIDR list: clients in it may relay without AUTH.</summary>
internal sealed class RelayHostList
{
    private readonly IpNetwork[] _networks;

    public RelayHostList(IEnumerable<string> cidrs)
    {
        var list = new List<IpNetwork>();
        foreach (var cidr in cidrs)
        {
            if (string.IsNullOrWhiteSpace(cidr)) continue;
            if (!IpNetwork.TryParse(cidr, out var n)) throw new FormatException($"Invalid RelayHosts entry '{cidr}'");
            list.Add(n);
        }
        _networks = [.. list];
    }

    public bool Contains(IPAddress address)
    {
        foreach (var n in _networks)
            if (n.Contains(address)) return true;
        return false;
    }
}
