using System.Net;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Pools.Egress;

namespace Appliance.Web.Tests.Pools;

/// <summary>The start-up check of owned bind addresses: a real bind on loopback, never a connection.</summary>
public sealed class EgressAddressCheckTests
{
    [Fact]
    public void A_loopback_address_binds_and_a_documentation_address_does_not()
    {
        Assert.True(EgressAddressCheck.CanBind(IPAddress.Parse("127.0.0.41")));
        Assert.False(EgressAddressCheck.CanBind(IPAddress.Parse("192.0.2.41"))); // RFC 5737 TEST-NET-1: on no interface
    }

    [Fact]
    public void Only_this_nodes_sources_with_an_address_are_probed()
    {
        var plan = new EgressPlan
        {
            Sources =
            [
                new("mine-ok", IPAddress.Parse("127.0.0.42"), Node: "node1"),
                new("mine-missing", IPAddress.Parse("192.0.2.42"), Node: "NODE1"),
                new("theirs", IPAddress.Parse("192.0.2.43"), Node: "node2"),
                new("unowned", IPAddress.Parse("192.0.2.44")),
                new("mine-kernel", Node: "node1"),
                new("default"),
            ],
        };
        var probed = new List<IPAddress>();
        var missing = EgressAddressCheck.Unbindable(plan, "node1", ip => { probed.Add(ip); return EgressAddressCheck.CanBind(ip); });
        Assert.Equal(["mine-missing"], missing.Select(s => s.Name));
        Assert.Equal(2, probed.Count);
    }
}
