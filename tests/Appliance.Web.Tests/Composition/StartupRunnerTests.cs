using Appliance.Web.Data;
using Appliance.Web.Startup;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Web.Tests.Composition;

public sealed class StartupRunnerTests
{
    private readonly List<string> _ran = [];

    [Fact]
    public async Task Steps_run_in_ascending_order_whatever_the_registration_order_then_the_database_is_ready()
    {
        var state = new ApplianceStartupState();
        var runner = new StartupRunner([Step("b", 200), Step("c", 300), Step("a", 100)], state, NullLogger<StartupRunner>.Instance);

        await runner.StartAsync(CancellationToken.None);

        Assert.Equal(["a", "b", "c"], _ran);
        Assert.True(state.DatabaseReady);
    }

    [Fact]
    public async Task A_failing_step_stops_the_start_and_the_database_is_not_ready()
    {
        var state = new ApplianceStartupState();
        var failing = new StartupStep("migrate", 100, _ => throw new InvalidOperationException("disk gone"));
        var runner = new StartupRunner([failing, Step("load", 200)], state, NullLogger<StartupRunner>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync(CancellationToken.None));

        Assert.Empty(_ran);
        Assert.False(state.DatabaseReady);
    }

    [Fact]
    public void Two_steps_with_one_order_are_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new StartupRunner([Step("a", 100), Step("b", 100)], new ApplianceStartupState(), NullLogger<StartupRunner>.Instance));

        Assert.Contains("share order 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_orders_steps_by_position_and_refuses_unknown_names()
    {
        Assert.Equal(100, StartupSteps.Order(StartupSteps.MigrateDatabase));
        Assert.True(StartupSteps.Order(StartupSteps.TenantDirectory) > StartupSteps.Order(StartupSteps.Bootstrap));
        Assert.Throws<ArgumentException>(() => StartupSteps.Order("no-such-step"));
    }

    private StartupStep Step(string name, int order) => new(name, order, _ =>
    {
        _ran.Add(name);
        return Task.CompletedTask;
    });
}
