using System.Diagnostics;
using System.Net;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Issue 19, acceptance item 4: `kill -9` of node A while a load generator submits to all three nodes. B and C keep
/// delivering while A is away; after A restarts over the same data folder every message that got 250 from any node
/// (A's included) reaches the sink: the set of acknowledged Message-IDs is contained in the sink's.
/// </summary>
public sealed class NodeKillTests(ClusterEnvironment env, ITestOutputHelper output) : IClassFixture<ClusterEnvironment>
{
    private const int PerNode = 250;

    [ClusterFact(ClusterEnvironment.Requires)]
    public async Task Kill_9_of_A_under_load_loses_no_acknowledged_message_and_B_and_C_keep_delivering()
    {
        var t = TestMessages.Token();
        var gens = env.Nodes.Select((n, i) => new LoadGenerator(n.Settings.RelayPort, $"k{t}{"abc"[i]}", TestZone.Single, PerNode, connections: 3, bodyBytes: 3000,
            host: IPAddress.Parse(n.Settings.Address))).ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var load = Task.WhenAll(gens.Select(g => g.RunAsync(cts.Token)));

        var underWay = await Eventually.TryAsync(() => gens[0].Accepted.Count >= 40, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20));
        Assert.True(underWay, $"A accepted only {gens[0].Accepted.Count}\n{env.Diagnostics()}");
        env.A.KillHard();
        var killedAt = Stopwatch.StartNew();
        var acceptedByABeforeKill = gens[0].Accepted.Count;

        // While A is away, B and C accept and deliver.
        var bcBefore = DeliveredOf(gens[1]).Count + DeliveredOf(gens[2]).Count;
        var bcAcceptedBefore = gens[1].Accepted.Count + gens[2].Accepted.Count;
        // B and C deliver while A is away: within the lease time to live (30 s) at the latest, after which the
        // connection leases a killed A held have expired by themselves; A stays down at least 8 s either way.
        await Eventually.TryAsync(() => DeliveredOf(gens[1]).Count + DeliveredOf(gens[2]).Count > bcBefore, TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(200));
        if (killedAt.Elapsed < TimeSpan.FromSeconds(8)) await Task.Delay(TimeSpan.FromSeconds(8) - killedAt.Elapsed);
        var bcDuring = DeliveredOf(gens[1]).Count + DeliveredOf(gens[2]).Count;
        var bcAcceptedDuring = gens[1].Accepted.Count + gens[2].Accepted.Count;
        output.WriteLine($"A accepted {acceptedByABeforeKill} before the kill; during its {killedAt.Elapsed.TotalSeconds:F0} s absence B+C accepted {bcAcceptedDuring - bcAcceptedBefore}, delivered {bcDuring - bcBefore}");
        Assert.True(bcDuring > bcBefore, $"B and C delivered nothing while A was down ({bcBefore} -> {bcDuring})\n{env.Diagnostics()}");
        Assert.True(bcAcceptedDuring > bcAcceptedBefore || gens[1].Started + gens[2].Started >= 2 * PerNode, "B and C accepted nothing while A was down");

        await env.A.StartAsync(ClusterEnvironment.StartTimeout);
        output.WriteLine($"A back after {killedAt.Elapsed}");
        await load;

        var acked = gens.SelectMany(g => g.Accepted.Keys).ToHashSet(StringComparer.Ordinal);
        var complete = await Eventually.TryAsync(() => acked.IsSubsetOf(DeliveredIds()), TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(500));
        var delivered = DeliveredIds();
        var missing = acked.Except(delivered).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"acknowledged {acked.Count} (A {gens[0].Accepted.Count}, B {gens[1].Accepted.Count}, C {gens[2].Accepted.Count}), delivered {delivered.Count} distinct, "
            + $"{Sink().Count - delivered.Count} duplicates (in flight at the kill), generator errors {gens.Sum(g => g.Errors)}");
        Assert.True(complete, $"{missing.Count} acknowledged messages never arrived, e.g. {string.Join(", ", missing.Take(10))}\n{env.Diagnostics()}");
        Assert.True(gens[0].Accepted.Count > acceptedByABeforeKill, "A accepted nothing after its restart");
        Assert.All(Sink(), m => Assert.True(LoadGenerator.BodyIntact(m), $"body changed: {m.Value("Message-ID")}"));
    }

    private List<RawMessage> Sink() =>
        [.. env.Sink.Messages(TestZone.SingleMx).Select(m => RawMessage.Parse(m.Data)).Where(m => m.Value("X-Body-Sha256") is not null)];

    private HashSet<string> DeliveredIds() => Sink().Select(m => m.Value("Message-ID")!).ToHashSet(StringComparer.Ordinal);

    private HashSet<string> DeliveredOf(LoadGenerator g)
    {
        var prefix = g.MessageId(0)[..g.MessageId(0).IndexOf('.', StringComparison.Ordinal)];
        return [.. DeliveredIds().Where(id => id.StartsWith(prefix + ".", StringComparison.Ordinal))];
    }
}
