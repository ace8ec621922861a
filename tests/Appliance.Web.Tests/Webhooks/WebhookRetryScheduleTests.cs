using Appliance.Web.Modules.Webhooks.Delivery;

namespace Appliance.Web.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(5, 80)]
    [InlineData(20, 600)]
    public void Delay_doubles_per_failure_up_to_the_cap(int failures, double seconds)
    {
        Assert.Equal(seconds, WebhookRetrySchedule.Delay(failures, Initial, Max, 0.5).TotalSeconds, 3);
    }

    [Fact]
    public void Jitter_stays_within_plus_minus_twenty_percent()
    {
        Assert.Equal(16, WebhookRetrySchedule.Delay(3, Initial, Max, 0).TotalSeconds, 3);
        Assert.Equal(24, WebhookRetrySchedule.Delay(3, Initial, Max, 1).TotalSeconds, 3);
    }
}
