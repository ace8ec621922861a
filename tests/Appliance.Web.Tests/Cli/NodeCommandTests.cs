using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Cli;

/// <summary>
/// `appliance node drain|resume|drain-status` (issue 19): usage errors exit 2; on a single node (cluster mode off) the
/// drain is refused with the API's reason and exit 1, and the node keeps accepting. The three-node drain itself is
/// the integration scenario Scenarios/Cluster/DrainTests.
/// </summary>
public sealed class NodeCommandTests(CliHostFactory factory) : IClassFixture<CliHostFactory>
{
    [Theory]
    [InlineData("node")]
    [InlineData("node stop")]
    [InlineData("node drain --timeout soon")]
    [InlineData("node drain --bogus")]
    public async Task Usage_errors_exit_2_with_the_usage(string commandLine)
    {
        var run = await CliRun.RunAsync(commandLine.Split(' '));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: appliance node drain", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_of_a_single_node_is_refused_with_the_reason_and_the_node_keeps_accepting()
    {
        var run = await CliRun.RunAsync(["node", "drain", "--url", factory.BaseUrl, "--api-key", ApplianceFactory.AdminKey]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("409", run.Error, StringComparison.Ordinal);
        Assert.Contains("Cluster mode is off", run.Error, StringComparison.Ordinal);

        var status = await CliRun.RunAsync(["node", "drain-status", "--url", factory.BaseUrl, "--api-key", ApplianceFactory.AdminKey]);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Matches(@": accepting, \d+ queued, 0 handed over", status.Output);
    }
}
