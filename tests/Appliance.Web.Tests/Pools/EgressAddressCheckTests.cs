using System.Net;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Web.Cluster;
using Appliance.Web.Modules.Pools.Egress;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    [Fact]
    public void Run_raises_one_alert_per_unbindable_owned_address_in_cluster_mode_only()
    {
        var configuration = new EgressConfiguration();
        Assert.Empty(configuration.Replace(new EgressPlan
        {
            Sources = [new("far", IPAddress.Parse("192.0.2.51"), Node: "node1"), new("near", IPAddress.Parse("127.0.0.51"), Node: "node1"), new("default")],
        }));
        var sink = new RecordingSink();
        EgressAddressCheck Check(ClusterOptions cluster) =>
            new(configuration, new EgressNode(Options.Create(cluster)), sink, TimeProvider.System, NullLogger<EgressAddressCheck>.Instance);

        Assert.Empty(Check(new ClusterOptions { NodeName = "node1" }).Run()); // no Redis: a single node probes nothing
        Assert.Empty(sink.Events);

        var warned = Check(new ClusterOptions { Redis = "127.0.0.1:1", NodeName = "node1" }).Run();
        Assert.Equal(["far"], warned.Select(s => s.Name));
        var alert = Assert.Single(sink.Events);
        Assert.Equal(MtaEventType.Alert, alert.Type);
        Assert.Equal("far", alert.EgressSource);
        Assert.Contains("192.0.2.51 is not assigned to a local interface", alert.Detail, StringComparison.Ordinal);
    }

    private sealed class RecordingSink : IEventSink
    {
        public List<MtaEvent> Events { get; } = [];

        public void Write(MtaEvent e) => Events.Add(e);
    }
}
