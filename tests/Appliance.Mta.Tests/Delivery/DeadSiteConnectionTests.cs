using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Events;
using Appliance.Mta.Tests.Shaping;

namespace Appliance.Mta.Tests.Delivery;

/// <summary>
/// Regression (commit bef90ff): two parallel connection attempts to a dead site used to replace each other forever
/// (each failed attempt saw the other one still open, so it neither held the site nor handed the items back, and
/// respawned itself: 164k refusals in one CI run). A failed attempt is not replaced; the last one to fail holds the
/// site and hands the waiting items back.
/// </summary>
public sealed class DeadSiteConnectionTests
{
    [Fact]
    public async Task Two_parallel_attempts_to_a_dead_site_are_not_replaced_and_the_last_one_holds_the_site()
    {
        using var dead = new DeadSite(TimeSpan.FromMilliseconds(300));
        await using var h = await ShapingHarness.StartAsync(o =>
        {
            o.Delivery.Port = dead.Port;
            o.Delivery.MaxConnectionsPerSite = 2;
            o.Delivery.RetryInterval = TimeSpan.FromMinutes(10); // no retry within the test: only respawns could connect again
        });

        for (var i = 0; i < 4; i++) await h.SendAsync("sender@example.com", $"r{i}@gmail.test");

        // The items come back as deferrals once the last attempt has failed, and the site is held.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && h.Events.Events.Count(e => e.Type == MtaEventType.TransientFailure) < 4) await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for respawned attempts to show up, if any

        Assert.Equal(4, h.Events.Events.Count(e => e.Type == MtaEventType.TransientFailure));
        Assert.InRange(dead.Accepted, 1, 2);
        var ready = Assert.Single(h.Dispatcher.ReadyQueues);
        Assert.Equal(0, ready.Connections);
        Assert.True(ready.HeldUntil > DateTimeOffset.UtcNow, "the last failing attempt holds the site");
    }

    /// <summary>A loopback listener that accepts, says nothing for <c>delay</c> and closes: every attempt fails at the greeting.</summary>
    private sealed class DeadSite : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _accepted;

        public DeadSite(TimeSpan delay)
        {
            _listener.Start();
            _ = AcceptAsync(delay);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        private async Task AcceptAsync(TimeSpan delay)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _accepted);
                    _ = Task.Delay(delay).ContinueWith(_ => client.Dispose(), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
            catch (ObjectDisposedException)
            {
                // stopped
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
