using Appliance.Mta.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class LogThrottleTests
{
    [Fact]
    public void Lets_each_key_through_once_per_interval()
    {
        var time = new FakeTimeProvider();
        var throttle = new LogThrottle(time, TimeSpan.FromHours(1));
        Assert.True(throttle.ShouldLog("a"));
        Assert.False(throttle.ShouldLog("a"));
        Assert.True(throttle.ShouldLog("b"));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(throttle.ShouldLog("a"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(throttle.ShouldLog("a"));
        Assert.False(throttle.ShouldLog("a"));
    }

    [Fact]
    public void Memory_is_bounded_by_the_capacity()
    {
        var throttle = new LogThrottle(new FakeTimeProvider(), TimeSpan.FromHours(1), capacity: 3);
        foreach (var k in new[] { "a", "b", "c" }) Assert.True(throttle.ShouldLog(k));
        Assert.True(throttle.ShouldLog("d")); // starts over: the fourth key clears the first three
        Assert.True(throttle.ShouldLog("a"));
        Assert.False(throttle.ShouldLog("d"));
    }
}
