using System.Net;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using BenchmarkDotNet.Attributes;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// What outbound DANE adds to each delivery with DnsClient's cache warm: <see cref="DaneEnforcer.ApplyAsync"/> (MX, A/AAAA
/// and TLSA with the DO bit, the RFC 7672 §2.2 decision) against a real validating resolver, for a domain with a TLSA
/// record, for an unsigned domain (one MX lookup, then nothing) and with the setting off (the baseline).
/// Needs a validating resolver serving the zone: bench/dane-lookups.sh starts nsd + unbound and runs
/// dotnet run -c Release --project bench/Appliance.Mta.Benchmarks -- --filter *DaneLookup* --inProcess
/// with DANE_BENCH_DNS=127.0.0.1:port.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DaneLookupBenchmarks
{
    private DaneEnforcer _on = null!;
    private DaneEnforcer _off = null!;
    private NextHopPlan _secure = null!;
    private NextHopPlan _insecure = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dns = Environment.GetEnvironmentVariable("DANE_BENCH_DNS")
            ?? throw new InvalidOperationException("DANE_BENCH_DNS=ip:port of a validating resolver (bench/dane-lookups.sh sets it)");
        _on = Enforcer(dns, validating: true);
        _off = Enforcer(dns, validating: false);
        _secure = Plan("mx.bench.dane.test", "bench.dane.test");
        _insecure = Plan("mx.plain.test", "plain.test");
        // Warm the cache, and make sure the zone is what the benchmark claims to measure.
        var secure = _on.ApplyAsync("bench.dane.test", _secure, default).GetAwaiter().GetResult();
        if (secure.Dane is not { Hosts.Count: 1 }) throw new InvalidOperationException("bench.dane.test is not under DANE: is the resolver validating?");
        if (_on.ApplyAsync("plain.test", _insecure, default).GetAwaiter().GetResult().Dane is not null) throw new InvalidOperationException("plain.test must be insecure");
    }

    [Benchmark(Baseline = true)]
    public Task<DaneDecision> Setting_off() => _off.ApplyAsync("bench.dane.test", _secure, default);

    [Benchmark]
    public Task<DaneDecision> Secure_domain_with_tlsa() => _on.ApplyAsync("bench.dane.test", _secure, default);

    [Benchmark]
    public Task<DaneDecision> Unsigned_domain() => _on.ApplyAsync("plain.test", _insecure, default);

    private static DaneEnforcer Enforcer(string dns, bool validating)
    {
        var settings = new MtaSettings(new MtaOptions { Dns = new DnsOptions { Servers = [dns], DnssecValidating = validating } });
        return new DaneEnforcer(new DanePolicyResolver(new DnsClientDnssecResolver(settings)), new TlsReportStore(), settings, TimeProvider.System);
    }

    private static NextHopPlan Plan(string mx, string domain) =>
        new(NextHopOutcome.Ok, null, [new NextHopHost(mx, 10, [IPAddress.Loopback], 25)], domain, null);
}
