using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cli;

/// <summary>`appliance status` prints the service's state in words, not the raw /healthz body (issue 16).</summary>
public sealed class StatusCommandTests(CliHostFactory factory) : IClassFixture<CliHostFactory>
{
    [Fact]
    public async Task Status_prints_version_uptime_listeners_queue_depth_disk_guard_and_the_last_alerts()
    {
        factory.Services.GetRequiredService<IEventSink>().Write(new MtaEvent
        {
            Type = MtaEventType.Alert,
            Timestamp = DateTimeOffset.UtcNow,
            Detail = "Webhook endpoint 7 disabled after 24 h of failures",
        });

        CliRun run;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            run = await CliRun.RunAsync(["status", "--url", factory.BaseUrl, "--api-key", ApplianceFactory.AdminKey]);
            if (run.Output.Contains("Webhook endpoint 7", StringComparison.Ordinal) || DateTime.UtcNow > deadline) break;
            await Task.Delay(200); // the event log writes in the background
        } while (true);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Matches(@"^Appliance \S+ on \S+: ok", run.Output);
        Assert.Matches(@"Uptime:\s+\d+", run.Output);
        Assert.Matches(@"http\s+http://127\.0\.0\.1:\d+", run.Output);
        Assert.Contains("Queue:      7 messages", run.Output, StringComparison.Ordinal);
        Assert.Contains("Disk guard: ok", run.Output, StringComparison.Ordinal);
        Assert.Contains("Webhook endpoint 7 disabled after 24 h of failures", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"status\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_service_that_does_not_answer_exits_3_with_the_reason()
    {
        var run = await CliRun.RunAsync(["status", "--url", "http://127.0.0.1:9", "--api-key", "k"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not reachable", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uptime_reads_as_days_hours_minutes()
    {
        Assert.Equal("2d 3h 4m", Appliance.Web.Cli.StatusCommand.FormatUptime(new TimeSpan(2, 3, 4, 5)));
        Assert.Equal("5m 6s", Appliance.Web.Cli.StatusCommand.FormatUptime(TimeSpan.FromSeconds(306)));
    }
}
