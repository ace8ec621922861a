using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Cli;

public sealed class QueueCommandTests(CliHostFactory factory) : IClassFixture<CliHostFactory>
{
    private string[] Args(params string[] args) => [.. args, "--url", factory.BaseUrl, "--api-key", ApplianceFactory.AdminKey];

    [Fact]
    public async Task Summary_prints_the_queues_as_a_table()
    {
        var run = await CliRun.RunAsync(Args("queue", "summary"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Total messages: 7", run.Output);
        Assert.Matches(@"TENANT\s+MSGS", run.Output);
        Assert.Matches(@"default\s+7", run.Output);
    }

    [Fact]
    public async Task Dry_run_suspend_reports_the_count_and_changes_nothing()
    {
        lock (factory.QueueAdmin.Calls) factory.QueueAdmin.Calls.Clear();

        var run = await CliRun.RunAsync(Args("queue", "suspend", "--domain", "x.example", "--dry-run"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 messages affected (dry run)", run.Output);
        lock (factory.QueueAdmin.Calls) Assert.Empty(factory.QueueAdmin.Calls);
    }

    [Fact]
    public async Task Suspend_sends_the_filter_and_reports_the_count()
    {
        var run = await CliRun.RunAsync(Args("queue", "suspend", "--tenant", "default", "--domain", "y.example"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("3 messages affected", run.Output);
        Assert.DoesNotContain("dry run", run.Output);
        lock (factory.QueueAdmin.Calls)
            Assert.Contains(factory.QueueAdmin.Calls, c => c.Operation == "suspend" && c.Filter.Domain == "y.example" && c.Filter.Tenant == "default");
    }

    [Fact]
    public async Task List_prints_one_server_page_of_scheduled_queues()
    {
        factory.QueueAdmin.Scheduled.Clear();
        for (var i = 0; i < 12; i++)
            factory.QueueAdmin.Scheduled.Add(new Appliance.Mta.Admin.ScheduledQueueInfo($"default@l{i:00}.example", "default", null, $"l{i:00}.example", 1, 1, null, null, false, null));

        var run = await CliRun.RunAsync(Args("queue", "list", "--page-size", "5", "--page", "2", "--sort", "domain"));
        factory.QueueAdmin.Scheduled.Clear();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("l10.example", run.Output);
        Assert.Contains("l11.example", run.Output);
        Assert.DoesNotContain("l09.example", run.Output);
        Assert.Contains("Page 3 of 3 (--page 2); 12 queues match.", run.Output);
    }

    [Fact]
    public async Task Delete_runs_through_the_api()
    {
        var run = await CliRun.RunAsync(Args("queue", "delete", "--domain", "gone.example"));

        Assert.Equal(0, run.ExitCode);
        lock (factory.QueueAdmin.Calls) Assert.Contains(factory.QueueAdmin.Calls, c => c.Operation == "delete" && c.Filter.Domain == "gone.example");
    }

    [Fact]
    public async Task Bounce_without_reason_shows_the_validation_problem()
    {
        var run = await CliRun.RunAsync(Args("queue", "bounce", "--domain", "z.example"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("400", run.Error);
        Assert.Contains("reason", run.Error);
    }

    [Fact]
    public async Task Bad_key_gives_a_non_zero_exit_and_the_problem_title()
    {
        var run = await CliRun.RunAsync(["queue", "summary", "--url", factory.BaseUrl, "--api-key", "wrong-key"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("401", run.Error);
        Assert.Contains("Unauthorized", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Url_and_key_come_from_the_environment()
    {
        var env = new Dictionary<string, string> { ["APPLIANCE_URL"] = factory.BaseUrl, ["APPLIANCE_API_KEY"] = ApplianceFactory.AdminKey };

        var run = await CliRun.RunAsync(["queue", "summary"], env);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Total messages: 7", run.Output);
    }

    [Fact]
    public async Task Key_is_read_from_the_key_file()
    {
        var file = Path.Combine(factory.DataDir, "cli-api-key");
        await File.WriteAllTextAsync(file, ApplianceFactory.AdminKey + "\n");

        var run = await CliRun.RunAsync(["queue", "summary", "--url", factory.BaseUrl], apiKeyFile: file);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Unknown_action_and_missing_key_are_usage_errors()
    {
        var unknown = await CliRun.RunAsync(Args("queue", "explode"));
        var noKey = await CliRun.RunAsync(["queue", "summary", "--url", factory.BaseUrl]);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("no API key", noKey.Error);
    }
}
