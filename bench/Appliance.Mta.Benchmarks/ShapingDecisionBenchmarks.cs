using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Egress;
using Appliance.Mta.Shaping;
using BenchmarkDotNet.Attributes;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// The per-item cost of the shaping decisions the dispatcher makes when it places a due item: the provider of the
/// site, the egress source (pool by stream, weighted pick, warmup cap check and count), the effective limits, the
/// backoffs in force, and a rate-gate slot. Run: dotnet run -c Release --project bench/Appliance.Mta.Benchmarks -- --filter *Shaping* --inProcess
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ShapingDecisionBenchmarks
{
    private const string GmailSite = "alt1.gmail-smtp-in.l.google.com,alt2.gmail-smtp-in.l.google.com,gmail-smtp-in.l.google.com";
    private EgressSelector _selector = null!;
    private TrafficShaper _shaper = null!;
    private RateGate _gate = null!;
    private readonly MessageRate _rate = MessageRate.Parse("100000/s");

    [GlobalSetup]
    public void Setup()
    {
        var config = new EgressConfiguration();
        var errors = config.Replace(new EgressPlan
        {
            Sources = [new("ip1", IPAddress.Parse("192.0.2.1")), new("ip2", IPAddress.Parse("192.0.2.2")), new("ip3", IPAddress.Parse("192.0.2.3"))],
            Pools = [new("tx", [new("ip1", 2), new("ip2")]), new("mkt", [new("ip3")]), new("default", [new("ip1")])],
            Assignments = [new(null, EgressStreams.Transactional, "tx"), new(null, EgressStreams.Marketing, "mkt")],
        });
        if (errors.Count > 0) throw new InvalidOperationException(string.Join(" ", errors));
        var warmup = new WarmupLimiter(TimeProvider.System);
        warmup.ReplaceCaps([new WarmupCap("ip2", "gmail", long.MaxValue / 2)]);
        _selector = new EgressSelector(config, warmup);
        _shaper = new TrafficShaper(new MtaSettings(new MtaOptions()), new BackoffTracker(TimeProvider.System));
        _shaper.ReplaceOverrides([new ShapingRule { Name = "gmail-ip1", Provider = "gmail", Source = "ip1", Limits = new() { MaxConnections = 20 } }]);
        _gate = new RateGate();
    }

    /// <summary>Everything the dispatcher asks for one item to a big provider with non-binding limits.</summary>
    [Benchmark]
    public int PlaceGmailItem()
    {
        var provider = _shaper.ProviderOf(GmailSite, "gmail.com");
        var selection = _selector.Select("tenant-1", EgressStreams.Transactional, provider, 1);
        var shaping = _shaper.Resolve(selection.Source!.Name, GmailSite, "gmail.com");
        var backoffs = _shaper.Backoff.For(selection.Source.Name, GmailSite);
        var wait = _gate.Reserve(shaping.MessageRate.Value ?? _rate, DateTimeOffset.UtcNow);
        return shaping.MaxConnections.Value + backoffs.Count + (int)wait.Ticks;
    }
}
