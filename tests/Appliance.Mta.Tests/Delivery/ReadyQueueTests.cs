using Appliance.Mta.Delivery;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Tests.Delivery;

public sealed class ReadyQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_hold_answers_with_its_reply_until_it_ends_and_a_good_connection_clears_it()
    {
        var ready = new ReadyQueue("default", "mx.example");
        Assert.False(ready.IsHeld(Now, out _));
        var refused = new SmtpReply(421, "4.4.1", "refused");
        ready.Hold(refused, Now.AddSeconds(30));
        Assert.True(ready.IsHeld(Now.AddSeconds(29), out var reply));
        Assert.Same(refused, reply);
        Assert.False(ready.IsHeld(Now.AddSeconds(30), out _));
        Assert.Equal(Now.AddSeconds(30), ready.HeldUntil);
        ready.ClearHold();
        Assert.False(ready.IsHeld(Now, out _));
        Assert.Null(ready.HoldReply);
    }

    [Fact]
    public async Task Connections_never_exceed_the_limit_under_contention()
    {
        var ready = new ReadyQueue("default", "mx.example");
        for (var i = 0; i < 100; i++) ready.Enqueue(null!);
        var claimed = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (!ready.TryAddConnection(3)) continue;
                Interlocked.Increment(ref claimed);
                Assert.InRange(ready.Connections, 1, 3);
                ready.ReleaseConnection();
            }
        })));
        Assert.True(claimed > 0);
        Assert.Equal(0, ready.Connections);
    }
}
