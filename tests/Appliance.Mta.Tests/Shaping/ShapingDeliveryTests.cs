using System.Net;
using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Shaping;

/// <summary>
/// Pools, shaping limits, backoff and warmup caps against a real SMTP peer (Debian's aiosmtpd) over loopback. Several
/// loopback addresses (127.0.0.2, 127.0.0.3) act as egress sources; the sink records each message's client address,
/// EHLO name and time, and every connection's open count.
/// </summary>
[Collection("shaping-sockets")]
public sealed class ShapingDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static EgressPlan TwoStreams() => new()
    {
        Sources = [new("tx1", IPAddress.Parse("127.0.0.2"), "tx1.mta.test"), new("mk1", IPAddress.Parse("127.0.0.3"), "mk1.mta.test"), new("default")],
        Pools = [new("transactional", [new("tx1")]), new("marketing", [new("mk1")]), new("default", [new("default")])],
        Assignments = [new(null, EgressStreams.Transactional, "transactional"), new(null, EgressStreams.Marketing, "marketing")],
    };

    [AiosmtpdFact]
    public async Task Each_stream_leaves_from_its_own_pool_with_its_own_ehlo_name()
    {
        await using var h = await ShapingHarness.StartAsync();
        Assert.Empty(h.Egress.Replace(TwoStreams()));
        for (var i = 0; i < 3; i++)
        {
            await h.SendAsync("reset@app.test", $"user{i}@gmail.test", EgressStreams.Transactional);
            await h.SendAsync("news@app.test", $"user{i}@other.test", EgressStreams.Marketing);
        }
        var got = await h.Sink.WaitForDeliveriesAsync(6, Patience);
        Assert.Equal(6, got.Count);
        Assert.All(got.Where(d => d.From == "reset@app.test"), d => Assert.Equal(("127.0.0.2", "tx1.mta.test"), (d.Ip, d.Helo)));
        Assert.All(got.Where(d => d.From == "news@app.test"), d => Assert.Equal(("127.0.0.3", "mk1.mta.test"), (d.Ip, d.Helo)));
        Assert.Equal(3, got.Count(d => d.From == "news@app.test"));
        var delivery = h.Events.Events.First(e => e.Type == MtaEventType.Delivery && e.Sender == "news@app.test");
        Assert.Equal(("mk1", "127.0.0.3"), (delivery.EgressSource, delivery.EgressIp));
    }

    [AiosmtpdFact]
    public async Task A_sites_connection_limit_is_never_exceeded()
    {
        await using var h = await ShapingHarness.StartAsync();
        h.Override(new ShapingLimits { MaxConnections = 2, MessagesPerConnection = 1 });
        for (var i = 0; i < 16; i++) await h.SendAsync("app@app.test", $"user{i}@gmail.test");
        var got = await h.Sink.WaitForDeliveriesAsync(16, Patience);
        Assert.Equal(16, got.Count);
        var events = h.Sink.Events();
        Assert.InRange(events.Where(e => e.Event == "connect").Max(e => e.Open), 1, 2);
        Assert.True(events.Count(e => e.Event == "connect") >= 8, "one message per connection means at least 8 connections for 16 messages at 2 at a time");
        var queue = Assert.Single(h.Dispatcher.ReadyQueues);
        Assert.Equal(new EffectiveLimit<int>(2, LimitOrigin.Override, "sink"), queue.Shaping!.MaxConnections);
    }

    [AiosmtpdFact]
    public async Task A_message_rate_holds_within_ten_percent()
    {
        await using var h = await ShapingHarness.StartAsync();
        h.Override(new ShapingLimits { MessageRate = MessageRate.Parse("10/s"), MaxConnections = 4 });
        for (var i = 0; i < 21; i++) await h.SendAsync("app@app.test", $"user{i}@gmail.test");
        var got = await h.Sink.WaitForDeliveriesAsync(21, Patience);
        Assert.Equal(21, got.Count);
        var span = got.Max(d => d.T) - got.Min(d => d.T);
        // 21 messages at 10/s: 20 intervals of 100 ms = 2 s; the gate never lets them through faster (10% tolerance).
        Assert.True(span >= 1.8, $"21 messages took {span:0.00} s; at 10/s they need at least 2 s");
        // No burst either: a late send can bunch with the next few, but never 15 of them within one second.
        var times = got.Select(d => d.T).Order().ToList();
        for (var i = 0; i + 14 < times.Count; i++) Assert.True(times[i + 14] - times[i] >= 1.0, "15 messages within one second at 10/s");
    }

    [AiosmtpdFact]
    public async Task A_backoff_rule_fires_on_the_sinks_421s_holds_the_site_and_expires()
    {
        await using var h = await ShapingHarness.StartAsync(o => o.Delivery.RetryInterval = TimeSpan.FromMinutes(20));
        var rule = new BackoffRule { Name = "sink-rate", Pattern = @"^421 4\.7\.28", Threshold = 2, Window = TimeSpan.FromMinutes(1), Action = BackoffAction.Suspend, Duration = TimeSpan.FromSeconds(3) };
        h.Override(new ShapingLimits { MaxConnections = 1 }, rule);
        await h.SendAsync("app@app.test", "ratelimited1@gmail.test");
        await h.SendAsync("app@app.test", "ratelimited2@gmail.test");
        var alert = await WaitForAsync(() => h.Events.Events.FirstOrDefault(e => e.Type == MtaEventType.Alert));
        Assert.NotNull(alert);
        Assert.Contains("backoff sink-rate: suspend queue default->mx.sink.test", alert!.Detail, StringComparison.Ordinal);
        Assert.StartsWith("421 4.7.28", alert.Response, StringComparison.Ordinal);
        var active = Assert.Single(h.Backoff.Active());

        // New mail for the site waits for the backoff to end (no attempt is counted), then goes.
        await h.SendAsync("app@app.test", "fine@gmail.test");
        await Task.Delay(500);
        Assert.Empty(h.Sink.Deliveries());
        var got = await h.Sink.WaitForDeliveriesAsync(1, Patience);
        Assert.Equal("fine@gmail.test", Assert.Single(Assert.Single(got).Rcpts));
        Assert.True(got[0].T >= active.Until.ToUnixTimeMilliseconds() / 1000.0 - 0.05, "delivered before the backoff ended");
        Assert.Empty(h.Backoff.Active());
        Assert.DoesNotContain(h.Events.Events, e => e.Recipient == "fine@gmail.test" && e.Type == MtaEventType.TransientFailure);
    }

    [AiosmtpdFact]
    public async Task Invalid_recipients_count_as_list_hygiene_and_blocks_as_reputation_bounces()
    {
        await using var h = await ShapingHarness.StartAsync();
        for (var i = 0; i < 3; i++) await h.SendAsync("app@app.test", $"unknown{i}@gmail.test");
        await h.SendAsync("app@app.test", "blocked1@gmail.test");
        await h.SendAsync("app@app.test", "fine@gmail.test");
        await WaitForAsync(() => h.Warmup.Volumes().FirstOrDefault(v => v.Provider is null && v.Delivered + v.Bounced + v.HygieneBounced == 5));
        var day = h.Warmup.Volumes().Single(v => v.Provider is null);
        // Only the 5.7.1 blocklist refusal says something about the sender; the three 5.1.1 are list hygiene.
        Assert.Equal((1L, 1L, 3L), (day.Delivered, day.Bounced, day.HygieneBounced));
    }

    [AiosmtpdFact]
    public async Task Invalid_recipients_never_fire_a_backoff_rule_but_blocks_do()
    {
        await using var h = await ShapingHarness.StartAsync();
        // A broad rule (any 5xx twice in a minute): it must see only the replies that are about the sender.
        var rule = new BackoffRule { Name = "any-5xx", Pattern = @"^5\d\d ", Threshold = 2, Window = TimeSpan.FromMinutes(1), Action = BackoffAction.Throttle, Rate = MessageRate.Parse("1/s"), Duration = TimeSpan.FromMinutes(1) };
        h.Override(new ShapingLimits { MaxConnections = 1 }, rule);
        for (var i = 0; i < 4; i++) await h.SendAsync("app@app.test", $"unknown{i}@gmail.test");
        await WaitForAsync(() => h.Warmup.Volumes().FirstOrDefault(v => v.Provider is null && v.HygieneBounced == 4));
        Assert.Empty(h.Backoff.Active());
        Assert.DoesNotContain(h.Events.Events, e => e.Type == MtaEventType.Alert);

        await h.SendAsync("app@app.test", "blocked1@gmail.test");
        await h.SendAsync("app@app.test", "blocked2@gmail.test");
        var alert = await WaitForAsync(() => h.Events.Events.FirstOrDefault(e => e.Type == MtaEventType.Alert));
        Assert.NotNull(alert);
        Assert.Contains("backoff any-5xx: throttle", alert!.Detail, StringComparison.Ordinal);
    }

    [AiosmtpdFact]
    public async Task A_full_warming_source_overflows_to_the_warm_source_of_its_pool()
    {
        await using var h = await ShapingHarness.StartAsync();
        Assert.Empty(h.Egress.Replace(new EgressPlan
        {
            Sources = [new("warming", IPAddress.Parse("127.0.0.2")), new("warm", IPAddress.Parse("127.0.0.3"))],
            Pools = [new("default", [new("warming"), new("warm")])],
        }));
        h.Warmup.ReplaceCaps([new WarmupCap("warming", null, 3)]);
        for (var i = 0; i < 10; i++) await h.SendAsync("app@app.test", $"user{i}@gmail.test");
        var got = await h.Sink.WaitForDeliveriesAsync(10, Patience);
        Assert.Equal(10, got.Count);
        Assert.Equal(3, got.Count(d => d.Ip == "127.0.0.2"));
        Assert.Equal(7, got.Count(d => d.Ip == "127.0.0.3"));
    }

    [AiosmtpdFact]
    public async Task With_wait_overflow_mail_beyond_the_cap_stays_queued()
    {
        await using var h = await ShapingHarness.StartAsync();
        Assert.Empty(h.Egress.Replace(new EgressPlan
        {
            Sources = [new("warming", IPAddress.Parse("127.0.0.2"))],
            Pools = [new("default", [new("warming")])],
            Overflow = WarmupOverflow.Wait,
        }));
        h.Warmup.ReplaceCaps([new WarmupCap("warming", null, 4)]);
        for (var i = 0; i < 6; i++) await h.SendAsync("app@app.test", $"user{i}@gmail.test");
        var got = await h.Sink.WaitForDeliveriesAsync(4, Patience);
        await Task.Delay(500);
        Assert.Equal(4, h.Sink.Deliveries().Count);
        Assert.Equal(2, h.Store.Count);
        Assert.Equal(4, h.Warmup.Volumes().Single(v => v.Source == "warming" && v.Provider is null).Delivered);
    }

    private static async Task<T?> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found) return found;
            await Task.Delay(50);
        }
        return null;
    }
}
