using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Shaping;

/// <summary>
/// Two dispatchers (two "nodes") delivering to one real SMTP peer through shared limit stores, as cluster mode shares
/// them through Redis: the dispatcher asks the stores for every rate slot and every connection, so the limits hold for
/// both together; a refused lease only delays mail, nothing is lost.
/// </summary>
[Collection("shaping-sockets")]
public sealed class SharedLimitsDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [AiosmtpdFact]
    public async Task Two_dispatchers_sharing_a_throttle_store_hold_one_rate_together()
    {
        var shared = new LocalThrottleStore(TimeProvider.System);
        await using var a = await ShapingHarness.StartAsync(throttles: shared);
        await using var b = await ShapingHarness.StartAsync(sink: a.Sink, throttles: shared);
        foreach (var h in new[] { a, b }) h.Override(new ShapingLimits { MessageRate = MessageRate.Parse("10/s"), MaxConnections = 2 });
        for (var i = 0; i < 11; i++)
        {
            await a.SendAsync("app@app.test", $"a{i}@gmail.test");
            await b.SendAsync("app@app.test", $"b{i}@gmail.test");
        }

        var got = await a.Sink.WaitForDeliveriesAsync(22, Patience);
        Assert.Equal(22, got.Count);
        var span = got.Max(d => d.T) - got.Min(d => d.T);
        // 22 messages at 10/s for both: 21 intervals of 100 ms = 2.1 s (each alone would be done in 1 s, side by side).
        Assert.True(span >= 1.89, $"22 messages took {span:0.00} s; at 10/s together they need at least 2.1 s");
    }

    [AiosmtpdFact]
    public async Task Two_dispatchers_sharing_connection_leases_never_open_more_than_the_limit_together()
    {
        // The store answers no lease until both nodes asked for both of their connections: the contention the test
        // is about then happens on every run, however slowly a loaded machine accepts and delivers the messages
        // (a node opens a second connection only while two items wait, so trickling mail never contends).
        var shared = new CountingLeases();
        await using var a = await ShapingHarness.StartAsync(leases: shared);
        await using var b = await ShapingHarness.StartAsync(sink: a.Sink, leases: shared);
        foreach (var h in new[] { a, b }) h.Override(new ShapingLimits { MaxConnections = 2, MessagesPerConnection = 1 });
        for (var i = 0; i < 8; i++)
        {
            await a.SendAsync("app@app.test", $"a{i}@gmail.test");
            await b.SendAsync("app@app.test", $"b{i}@gmail.test");
        }
        await WaitUntilAsync(() => shared.Waiting == 4, "both nodes ask for both of their connections");
        shared.Open();

        var got = await a.Sink.WaitForDeliveriesAsync(16, Patience);
        Assert.Equal(16, got.Count); // refused leases were asked again: nothing left behind
        Assert.InRange(a.Sink.Events().Where(e => e.Event == "connect").Max(e => e.Open), 1, 2);
        Assert.InRange(shared.Peak, 1, 2);
        Assert.True(shared.Refused >= 2, $"4 requests for 2 slots must refuse at least 2; refused {shared.Refused}");
        // The last connection gives its lease back after QUIT, i.e. after the sink logged its message: wait for it.
        await WaitUntilAsync(() => shared.Held == 0, "every lease is given back");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.True(condition(), $"timed out waiting until {what}");
    }

    /// <summary>
    /// Connection leases counted in one place for every dispatcher that shares the instance. Closed at first: requests
    /// wait (as a slow Redis round trip would) until <see cref="Open"/>.
    /// </summary>
    private sealed class CountingLeases : IConnectionLeases
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held;
        private int _peak;
        private int _refused;
        private int _waiting;

        public int Held => Volatile.Read(ref _held);
        public int Peak => Volatile.Read(ref _peak);
        public int Refused => Volatile.Read(ref _refused);
        public int Waiting => Volatile.Read(ref _waiting);

        public void Open() => _open.TrySetResult();

        public async ValueTask<IConnectionLease?> TryAcquireAsync(string key, int limit, CancellationToken cancellationToken)
        {
            if (!_open.Task.IsCompleted)
            {
                Interlocked.Increment(ref _waiting);
                await _open.Task.WaitAsync(cancellationToken);
            }
            while (true)
            {
                var held = Volatile.Read(ref _held);
                if (held >= limit)
                {
                    Interlocked.Increment(ref _refused);
                    return null;
                }
                if (Interlocked.CompareExchange(ref _held, held + 1, held) != held) continue;
                int peak;
                while ((peak = Volatile.Read(ref _peak)) < held + 1 && Interlocked.CompareExchange(ref _peak, held + 1, peak) != peak) { }
                return new Lease(this);
            }
        }

        private sealed class Lease(CountingLeases owner) : IConnectionLease
        {
            private int _released;

            public ValueTask DisposeAsync()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0) Interlocked.Decrement(ref owner._held);
                return ValueTask.CompletedTask;
            }
        }
    }
}
