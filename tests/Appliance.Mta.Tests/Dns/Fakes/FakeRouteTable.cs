using Appliance.Mta.Dns;

namespace Appliance.Mta.Tests.Dns.Fakes;

/// <summary>IRouteTable as the contract says: exact domain, then "*", else null.</summary>
public sealed class FakeRouteTable(params Route[] routes) : IRouteTable
{
    public Route? Find(string domain) =>
        routes.FirstOrDefault(r => string.Equals(r.Domain, domain, StringComparison.OrdinalIgnoreCase))
        ?? routes.FirstOrDefault(r => r.Domain == "*");
}
