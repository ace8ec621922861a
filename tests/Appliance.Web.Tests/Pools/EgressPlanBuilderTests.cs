using Appliance.Mta.Egress;
using Appliance.Web.Modules.Pools.Egress;

namespace Appliance.Web.Tests.Pools;

/// <summary>Rows → engine plan: empty tables are the default plan, the implicit default pool stays until one is stored.</summary>
public sealed class EgressPlanBuilderTests
{
    [Fact]
    public void Empty_tables_give_the_default_plan_with_the_stored_settings()
    {
        var plan = EgressPlanBuilder.Build([], [], [], new EgressSettingsRecord { Overflow = WarmupOverflow.Wait });
        Assert.Equal(EgressPlan.Default.Sources, plan.Sources);
        Assert.Equal(EgressPlan.DefaultName, plan.DefaultPool);
        Assert.Equal(WarmupOverflow.Wait, plan.Overflow);
        Assert.Empty(plan.Validate());
    }

    [Fact]
    public void Sources_without_pools_keep_the_implicit_default_pool()
    {
        var plan = EgressPlanBuilder.Build([new EgressSourceRecord { Name = "ip1", BindAddress = "192.0.2.1", EhloName = "ip1.example.net" }], [], [], null);
        Assert.Empty(plan.Validate());
        Assert.Equal(["default", "ip1"], plan.Sources.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("192.0.2.1", plan.Sources.Single(s => s.Name == "ip1").BindAddress!.ToString());
        Assert.Equal("default", plan.Pools.Single().Name);
    }

    [Fact]
    public void A_stored_default_pool_replaces_the_implicit_one()
    {
        var pool = new EgressPoolRecord { Name = "main", Members = [new EgressPoolMemberRecord { PoolName = "main", Source = "ip1", Weight = 2 }] };
        PoolAssignmentRecord[] assignments = [new PoolAssignmentRecord { TenantId = "t1", Stream = "marketing", Pool = "main" }];
        // One pool behind both streams is sharing: refused unless allowed.
        Assert.NotEmpty(EgressPlanBuilder.Build([new EgressSourceRecord { Name = "ip1" }], [pool], assignments, new EgressSettingsRecord { DefaultPool = "main" }).Validate());
        var plan = EgressPlanBuilder.Build([new EgressSourceRecord { Name = "ip1" }], [pool], assignments,
            new EgressSettingsRecord { DefaultPool = "main", AllowSharedStreams = true });
        Assert.Empty(plan.Validate());
        Assert.DoesNotContain(plan.Pools, p => p.Name == "default");
        Assert.Equal("main", plan.PoolFor("t1", "marketing"));
        Assert.Equal(2, plan.Pools.Single().Members.Single().Weight);
    }
}
