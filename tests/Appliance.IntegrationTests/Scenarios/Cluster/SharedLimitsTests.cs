using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, acceptance items 1, 2 and 5 with three real appliance processes sharing PostgreSQL and Redis, all
/// delivering through one smart host (<see cref="LimitsSink"/>) under one shaping override written on node A: a
/// cluster-wide rate of 10 messages/s and 2 connections for the route's host 127.0.0.1 (a rule names a smart host's
/// host as it names an MX), and a backoff that suspends the site for 15 s on <c>421 4.7.28</c>.
/// </summary>
public sealed class SharedLimitsTests(ClusterLimitsEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterLimitsEnvironment>
{
    private const double Rate = 10; // messages per second, cluster-wide
    private const int Connections = 2;
    private const int MaxInOneSecond = 12; // 10 slots + one message of arrival jitter at each edge of the window
    private static readonly TimeSpan BackoffDuration = TimeSpan.FromSeconds(15);
    private static readonly SemaphoreSlim Rule = new(1, 1);
    private static bool _ruleSet;

    /// <summary>
    /// Item 1. The measure, over the sink's arrival times: (a) the 20 s window starting at the first arrival holds
    /// 200 ± 10 % messages (180-220), the issue's "10/s ± 10 % over a 20 s window"; (b) the per-second bound: no sliding
    /// 1 s window [t, t + 1 s) starting at any arrival holds more than 12. The slots are reserved exactly 100 ms apart
    /// (GCRA in Redis, no burst); what the sink sees adds each delivery's own latency, so one message of jitter at each
    /// edge of a 1 s window is measurement, not the limiter (first run: 12, with 199 in the 20 s window); (c) the sink never has more than 2 connections open at once (it counts them itself), while
    /// all three nodes deliver.
    /// </summary>
    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Ten_per_second_and_two_connections_hold_for_three_nodes_sending()
    {
        await EnsureRuleAsync();
        await WaitNoBackoffAsync();
        var since = DateTimeOffset.UtcNow;
        var fallbacksBefore = env.Nodes.Sum(Fallbacks);
        var token = TestMessages.Token();
        var sent = await Task.WhenAll(env.Nodes.Select((n, i) => SubmitAsync(n, $"{token}-{i}", 100)));
        var ids = sent.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(300, ids.Count);

        var all = await Eventually.TryAsync(() => Arrived(ids, since).Count >= ids.Count, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));
        var arrivals = Arrived(ids, since);
        Assert.True(all, $"{arrivals.Count}/{ids.Count} arrived\n{Diagnostics()}");

        var times = arrivals.Select(e => e.Time).Order().ToList();
        var first = times[0];
        var window = times.Count(t => t < first + TimeSpan.FromSeconds(20));
        var maxPerSecond = times.Max(t => times.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)));
        var total = (times[^1] - first).TotalSeconds;
        var events = env.LimitsSink.Events().Where(e => e.Time >= since).ToList();
        var maxConcurrent = events.Where(e => e.Kind == "open").Max(e => e.Concurrent);
        var perNode = ClusterLimitsEnvironment.EhloNames.Select(n => arrivals.Count(a => a.Name == n)).ToArray();
        output.WriteLine($"300 messages in {total:F1} s ({(times.Count - 1) / total:F2}/s); first 20 s: {window}; max in a sliding 1 s window: {maxPerSecond}; "
            + $"max concurrent connections: {maxConcurrent}; per node A/B/C: {string.Join('/', perNode)}");
        // While Redis answers, the rate is reached and held. On a host so loaded that Redis calls outlast their 1 s
        // timeout, nodes fall back to local limits at 1/N (5950, the Redis-killed test below covers it) and the rate
        // may fall short of 10/s; it may still never be exceeded.
        var fallbacks = env.Nodes.Sum(Fallbacks) - fallbacksBefore;
        output.WriteLine($"fallbacks to local limits during the run: {fallbacks}");
        Assert.InRange(window, fallbacks == 0 ? 180 : 1, 220);
        Assert.True(maxPerSecond <= MaxInOneSecond, $"{maxPerSecond} messages within one second (10/s, slots 100 ms apart, one message of arrival jitter at each edge)");
        Assert.True(maxConcurrent <= Connections, $"{maxConcurrent} connections open at once across the nodes (limit {Connections})");
        Assert.All(perNode, n => Assert.True(n > 0, $"a node delivered nothing: {string.Join('/', perNode)}"));
    }

    /// <summary>
    /// Item 2. The sink answers <c>421 4.7.28</c> to node A only (by its EHLO name); A's backoff (suspend the site 15 s)
    /// reaches B and C through Redis: their messages, accepted while it is in force, reach the sink only after it
    /// ends (B and C open no connection to the site meanwhile), and then all of them do.
    /// </summary>
    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task A_backoff_fired_on_A_holds_the_site_on_B_and_C_until_it_expires()
    {
        await EnsureRuleAsync();
        await WaitNoBackoffAsync();
        var since = DateTimeOffset.UtcNow;
        var token = TestMessages.Token();
        env.LimitsSink.Defer(ClusterLimitsEnvironment.EhloNames[0]);
        var fromA = await SubmitAsync(env.A, $"{token}-a", 1);

        ActiveBackoffView? onB = null, onC = null;
        var fired = await Eventually.TryAsync(async () =>
            (onB = await BackoffAsync(env.B)) is not null && (onC = await BackoffAsync(env.C)) is not null, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.True(fired, $"the backoff fired on A is not in force on B and C\n{Diagnostics()}");
        var seen = DateTimeOffset.UtcNow;
        env.LimitsSink.Defer(); // the sink accepts everyone again: only the backoff holds B and C now
        var until = onB!.Until;
        Assert.Equal(until, onC!.Until);
        output.WriteLine($"backoff {onB.Rule} on {onB.Key} until {until:HH:mm:ss.fff} (now {DateTimeOffset.UtcNow:HH:mm:ss.fff}): {onB.TriggerResponse}");
        Assert.Contains("4.7.28", onB.TriggerResponse, StringComparison.Ordinal);

        var held = (await Task.WhenAll(SubmitAsync(env.B, $"{token}-b", 3), SubmitAsync(env.C, $"{token}-c", 3))).SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var ids = held.Concat(fromA).ToHashSet(StringComparer.Ordinal);
        var all = await Eventually.TryAsync(() => Arrived(ids, since).Count >= ids.Count, until - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        var arrivals = Arrived(ids, since);
        Assert.True(all, $"{arrivals.Count}/{ids.Count} arrived after the backoff\n{Diagnostics()}");

        // Nothing from B or C reached the site from the moment both listed the backoff (plus 500 ms for a transaction
        // already on the wire) until it ended (clocks: one host; 100 ms of slack for the sink's own timestamps).
        var bc = env.LimitsSink.Events().Where(e => e.Time >= seen + TimeSpan.FromMilliseconds(500) && e.Kind is "ehlo" or "msg"
            && e.Name is "node-b.test" or "node-c.test").ToList();
        var early = bc.Where(e => e.Time < until - TimeSpan.FromMilliseconds(100)).ToList();
        Assert.True(early.Count == 0, $"B/C reached the site during the backoff: {string.Join(", ", early.Select(e => $"{e.Kind} {e.Name} {e.Time:HH:mm:ss.fff}"))}");
        Assert.All(arrivals.Where(a => held.Contains(a.MessageId!)), a => Assert.True(a.Time >= until - TimeSpan.FromMilliseconds(100)));
        Assert.Contains(env.LimitsSink.Events(), e => e.Time >= since && e.Kind == "defer" && e.Name == "node-a.test");
    }

    /// <summary>
    /// Item 5. Under load (150 messages on each node), Redis is killed: every node raises an Alert naming the fallback
    /// (1/3: the registry held three nodes) and keeps delivering at 1/3 of the rate on its own (each node at most
    /// 10/3 s + 10 % over the outage, the cluster still at most 10/s + 10 %); Redis is started again on the same port:
    /// the nodes share the limits again without a restart (the rate key is back in Redis); every accepted message
    /// arrives.
    /// </summary>
    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Redis_killed_under_load_falls_back_to_a_third_raises_an_alert_loses_nothing_and_heals()
    {
        await EnsureRuleAsync();
        await WaitNoBackoffAsync();
        var since = DateTimeOffset.UtcNow;
        var token = TestMessages.Token();
        var sent = await Task.WhenAll(env.Nodes.Select((n, i) => SubmitAsync(n, $"{token}-{i}", 150)));
        var ids = sent.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(450, ids.Count);
        Assert.True(await Eventually.TryAsync(() => Arrived(ids, since).Count >= 20, TimeSpan.FromSeconds(30)), Diagnostics());

        env.Redis.Kill();
        var killed = DateTimeOffset.UtcNow;
        var alerted = await Eventually.TryAsync(() => env.Nodes.All(n => Alert(n) is not null), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        Assert.True(alerted, $"no Alert on every node\n{Diagnostics()}");
        foreach (var n in env.Nodes) Assert.Contains("1/3", Alert(n)!.Raw, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(15));
        var restarted = DateTimeOffset.UtcNow;
        await env.Redis.StartAgainAsync();

        // Outage window: from 2 s after the kill (the first second may still run on slots reserved in Redis) to the restart.
        var outage = Arrived(ids, since).Where(a => a.Time >= killed + TimeSpan.FromSeconds(2) && a.Time < restarted).ToList();
        var seconds = (restarted - killed - TimeSpan.FromSeconds(2)).TotalSeconds;
        var perNode = ClusterLimitsEnvironment.EhloNames.Select(n => outage.Count(a => a.Name == n)).ToArray();
        output.WriteLine($"outage {seconds:F1} s: {outage.Count} messages ({outage.Count / seconds:F2}/s), per node A/B/C {string.Join('/', perNode)}");
        Assert.All(perNode, n => Assert.True(n > 0, $"a node stopped delivering while Redis was away: {string.Join('/', perNode)}"));
        Assert.All(perNode, n => Assert.True(n <= Rate / 3 * seconds * 1.1 + 1, $"a node exceeded 1/3 of the rate while Redis was away: {string.Join('/', perNode)} in {seconds:F1} s"));
        Assert.True(outage.Count <= Rate * seconds * 1.1 + 1, $"{outage.Count} messages in {seconds:F1} s during the outage");

        // Healed without a restart: the shared rate is counted in Redis again.
        var shared = await Eventually.TryAsync(async () => (await RedisKeysAsync("appliance:rate:*")).Length > 0, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(250));
        Assert.True(shared, $"no shared rate key in Redis after it came back\n{Diagnostics()}");
        var healed = await Eventually.TryAsync(() => env.Nodes.All(n => Log(n).Contains("is back on the cluster-wide limits", StringComparison.Ordinal)), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(250));
        Assert.True(healed, $"not every node logged 5951 (shared limits restored)\n{Diagnostics()}");
        // Slots a node reserved on its local 1/3 gate before it healed still fire: measure once every node is back.
        var healedAt = DateTimeOffset.UtcNow;

        var all = await Eventually.TryAsync(() => Arrived(ids, since).Count >= ids.Count, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1));
        var arrived = Arrived(ids, since);
        Assert.True(all, $"lost: {ids.Count - arrived.Count} of {ids.Count}\n{Diagnostics()}");
        var from = restarted + TimeSpan.FromSeconds(3) > healedAt + TimeSpan.FromSeconds(2) ? restarted + TimeSpan.FromSeconds(3) : healedAt + TimeSpan.FromSeconds(2);
        var after = arrived.Where(a => a.Time >= from).Select(a => a.Time).Order().ToList();
        if (after.Count > 20)
        {
            var max = after.Max(t => after.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)));
            output.WriteLine($"after Redis came back: {after.Count} messages, max in a sliding 1 s window {max}");
            Assert.True(max <= MaxInOneSecond, $"{max} messages within one second after Redis came back");
        }
    }

    private sealed record ActiveBackoffView(string Rule, string Key, string TriggerResponse, DateTimeOffset Until);

    private static async Task<ActiveBackoffView?> BackoffAsync(ApplianceProcess node)
    {
        var list = await node.Api.Http.GetFromJsonAsync<JsonElement>("api/v1/shaping/backoffs");
        return list.EnumerateArray()
            .Where(b => b.GetProperty("rule").GetString() == "sink-rate-limited")
            .Select(b => new ActiveBackoffView(b.GetProperty("rule").GetString()!, b.GetProperty("key").GetString()!,
                b.GetProperty("triggerResponse").GetString()!, b.GetProperty("until").GetDateTimeOffset()))
            .FirstOrDefault();
    }

    /// <summary>Waits until no backoff is in force and the sink has been quiet for 2 s (a scenario starts from idle nodes).</summary>
    private async Task WaitNoBackoffAsync()
    {
        var quiet = await Eventually.TryAsync(() => env.LimitsSink.Events().LastOrDefault() is not { } last || DateTimeOffset.UtcNow - last.Time > TimeSpan.FromSeconds(2),
            TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(500));
        Assert.True(quiet, "the sink is still receiving an earlier scenario's mail");
        var clear = await Eventually.TryAsync(async () => (await Task.WhenAll(env.Nodes.Select(BackoffAsync))).All(b => b is null), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(500));
        Assert.True(clear, "a backoff from an earlier scenario is still in force");
    }

    /// <summary>How often <paramref name="node"/> has logged 5950 (Redis unreachable: local limits at 1/N).</summary>
    private static int Fallbacks(ApplianceProcess node)
    {
        var log = Log(node);
        var count = 0;
        for (var i = log.IndexOf("falls back to local limits", StringComparison.Ordinal); i >= 0; i = log.IndexOf("falls back to local limits", i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Log(ApplianceProcess node)
    {
        using var fs = new FileStream(node.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(fs).ReadToEnd();
    }

    private static EventLine? Alert(ApplianceProcess node) =>
        node.Events().LastOrDefault(e => e.Type == "Alert" && e.Raw.Contains("Redis unreachable", StringComparison.Ordinal));

    private async Task<string[]> RedisKeysAsync(string pattern)
    {
        var (_, text) = await ProcessRunner.RunAsync("/usr/bin/redis-cli", ["-p", env.Redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--scan", "--pattern", pattern], TimeSpan.FromSeconds(10));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The sink's arrivals since <paramref name="since"/> whose Message-ID is in <paramref name="ids"/>, first arrival of each.</summary>
    private List<LimitsSinkEvent> Arrived(IReadOnlySet<string> ids, DateTimeOffset since) =>
        [.. env.LimitsSink.Messages().Where(m => m.Time >= since && m.MessageId is { } id && ids.Contains(id)).DistinctBy(m => m.MessageId)];

    /// <summary>
    /// The shaping override, once per fixture, written on node A and in force on all three (shared settings): 10/s and
    /// 2 connections for the smart host's host, 10 messages per connection (the leases change hands), and a backoff.
    /// </summary>
    private async Task EnsureRuleAsync()
    {
        await Rule.WaitAsync();
        try
        {
            if (_ruleSet) return;
            using var created = await env.A.Api.Http.PostAsJsonAsync("api/v1/shaping/overrides", new
            {
                name = "cluster-sink",
                mx = new[] { "127.0.0.1" },
                limits = new { messageRate = "10/s", maxConnections = Connections, messagesPerConnection = 10 },
                backoff = new[] { new { name = "sink-rate-limited", pattern = @"4\.7\.28", threshold = 1, action = "suspend", scope = "site", duration = BackoffDuration.ToString("c") } },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var watch = Stopwatch.StartNew();
            // In force on the three nodes (shared settings, within 2 s): each lists it among its overrides' rules.
            var everywhere = await Eventually.TryAsync(async () =>
            {
                foreach (var n in env.Nodes)
                {
                    var rules = await n.Api.Http.GetStringAsync("api/v1/shaping/rules");
                    if (!rules.Contains("cluster-sink", StringComparison.Ordinal)) return false;
                }
                return true;
            }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
            Assert.True(everywhere, $"the override is not in force on every node\n{Diagnostics()}");
            output.WriteLine($"override in force on the three nodes after {watch.Elapsed.TotalMilliseconds:F0} ms");
            _ruleSet = true;
        }
        finally
        {
            Rule.Release();
        }
    }

    /// <summary>Relays <paramref name="count"/> messages through <paramref name="node"/> on one connection; the Message-IDs it accepted.</summary>
    private static async Task<List<string>> SubmitAsync(ApplianceProcess node, string token, int count)
    {
        var accepted = new List<string>();
        await using var c = await RawSmtpClient.ConnectAsync(IPAddress.Parse(node.Settings.Address), node.Settings.RelayPort, null);
        Assert.Equal(220, (await c.ReadReplyAsync()).Code);
        Assert.Equal(250, (await c.CommandAsync("EHLO load.example")).Code);
        for (var i = 0; i < count; i++)
        {
            var id = $"<{token}.{i}@limits.example>";
            Assert.Equal(250, (await c.CommandAsync($"MAIL FROM:<load@{TestZone.SenderDomain}>")).Code);
            Assert.Equal(250, (await c.CommandAsync($"RCPT TO:<rcpt{i % 5}@limits.test>")).Code);
            Assert.Equal(354, (await c.CommandAsync("DATA")).Code);
            await c.SendAsync(RawSmtpClient.DataPayload($"From: <load@{TestZone.SenderDomain}>\r\nTo: <rcpt@limits.test>\r\nSubject: limits {token} {i}\r\n"
                + $"Message-ID: {id}\r\nDate: Mon, 07 Dec 2026 06:00:00 +0000\r\n\r\nbody {i}\r\n"));
            var reply = await c.ReadReplyAsync();
            Assert.True(reply.Code == 250, $"{node.Settings.Address} refused message {i}: {reply}");
            accepted.Add(id);
        }
        await c.CommandAsync("QUIT");
        return accepted;
    }

    private string Diagnostics() => $"{env.Diagnostics()}\n--- limits sink (tail)\n{env.LimitsSink.Tail()}";
}
