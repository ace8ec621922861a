using System.Net;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Reports.Ownership;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Pools;

public sealed class PoolOwnSendingAddressesTests
{
    [Fact]
    public void Egress_source_addresses_and_configured_ones_are_own_others_are_unknown()
    {
        var egress = new EgressConfiguration();
        Assert.Empty(egress.Replace(new EgressPlan
        {
            Sources = [new("ip1", IPAddress.Parse("192.0.2.10")), new("default")],
            Pools = [new("default", [new("ip1"), new("default")])],
        }));
        var dkim = new DkimOptions();
        dkim.SendingIps.Add("198.51.100.0/24");
        var own = new PoolOwnSendingAddresses(egress, new ConfiguredOwnSendingAddresses(new StaticMonitor(dkim)));

        Assert.True(own.IsOwn("192.0.2.10"));
        Assert.True(own.IsOwn("::ffff:192.0.2.10"));
        Assert.True(own.IsOwn("198.51.100.77"));
        Assert.False(own.IsOwn("192.0.2.11"));
        Assert.False(own.IsOwn("not an ip"));
        Assert.Contains("192.0.2.10 (ip1)", own.Describe());
    }

    private sealed class StaticMonitor(DkimOptions value) : IOptionsMonitor<DkimOptions>
    {
        public DkimOptions CurrentValue => value;
        public DkimOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<DkimOptions, string?> listener) => null;
    }
}
