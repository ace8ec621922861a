using Appliance.Mta.Security;
using Appliance.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Security;

/// <summary>The reservation counter behind the login gate: places, failures, the sliding window.</summary>
public sealed class FailureWindowTests
{
    [Fact]
    public void Places_in_flight_count_against_the_limit_until_failed_or_given_back()
    {
        var window = new FailureWindow<string>(new FakeTimeProvider(), 2, TimeSpan.FromMinutes(15));
        Assert.True(window.TryReserve("k"));
        Assert.True(window.TryReserve("k"));
        Assert.False(window.TryReserve("k")); // two in flight: a third is refused before any check
        Assert.False(window.IsLocked("k"));    // ...but in-flight attempts alone do not lock

        window.Release("k");
        Assert.True(window.TryReserve("k"));
        window.Fail("k");
        window.Fail("k");
        Assert.True(window.IsLocked("k"));
        Assert.False(window.TryReserve("k"));
        Assert.True(window.TryReserve("other"));
    }

    [Fact]
    public void Failures_leave_the_window_one_by_one_and_a_success_forgets_them()
    {
        var time = new FakeTimeProvider();
        var window = new FailureWindow<string>(time, 2, TimeSpan.FromMinutes(15));
        window.TryReserve("k");
        window.Fail("k");
        time.Advance(TimeSpan.FromMinutes(10));
        window.TryReserve("k");
        window.Fail("k");
        Assert.True(window.IsLocked("k"));

        time.Advance(TimeSpan.FromMinutes(5)); // the first failure is 15 minutes old
        Assert.False(window.IsLocked("k"));
        Assert.True(window.TryReserve("k"));
        window.Succeed("k");
        Assert.True(window.TryReserve("k"));
        Assert.True(window.TryReserve("k")); // the success cleared the remaining failure
    }

    [Fact]
    public void An_attempt_decides_once()
    {
        var gate = new LoginAttemptGate(Microsoft.Extensions.Options.Options.Create(new Appliance.Web.Configuration.LoginOptions { FailureLimit = 2 }),
            new FakeTimeProvider());
        var attempt = gate.TryBegin("acct", System.Net.IPAddress.Loopback)!;
        attempt.Fail();
        attempt.Release(); // too late: stays a failure
        attempt.Fail();    // counted once
        Assert.False(gate.IsLocked("acct", System.Net.IPAddress.Loopback));
        gate.TryBegin("acct", System.Net.IPAddress.Parse("::ffff:127.0.0.1"))!.Fail(); // IPv4-mapped is the same address
        Assert.True(gate.IsLocked("acct", System.Net.IPAddress.Loopback));
    }
}
