using System.Globalization;
using Appliance.Mta.Suppression;
using BenchmarkDotNet.Attributes;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// The RCPT-time suppression lookup with one million entries (90% tenant scope over 100 tenants, 10% global):
/// a hit, a miss, and the full path with address normalisation. The index's own memory is printed by the setup
/// ("index: N entries, X MB") since MemoryDiagnoser only counts allocations per operation.
/// Run: dotnet run -c Release --project bench/Appliance.Mta.Benchmarks -- --filter *SuppressionLookup* --inProcess
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SuppressionLookupBenchmarks
{
    private const int Entries = 1_000_000;
    private SuppressionIndex _index = null!;
    private SuppressionList _list = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    [GlobalSetup]
    public void Setup()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        _index = new SuppressionIndex();
        for (var i = 0; i < Entries; i++)
        {
            var address = "user" + i.ToString(CultureInfo.InvariantCulture) + "@domain" + (i % 5000).ToString(CultureInfo.InvariantCulture) + ".example";
            var global = i % 10 == 0;
            _index.Set(new SuppressionEntry(address, global ? SuppressionScope.Global : SuppressionScope.Tenant,
                global ? "" : "tenant" + (i % 100).ToString(CultureInfo.InvariantCulture), SuppressionReason.HardBounce, _now, null));
        }
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"// index: {_index.Count} entries, {(after - before) / 1048576.0:0.0} MB, {(after - before) / (double)Entries:0.0} bytes/entry");
        _list = new SuppressionList(_index, new NullStore(), Microsoft.Extensions.Options.Options.Create(new SuppressionOptions()), TimeProvider.System);
    }

    [Benchmark]
    public SuppressionMatch? Hit() => _index.Find("user123457@domain3457.example", "tenant57", "shop.example", _now);

    [Benchmark]
    public SuppressionMatch? Miss() => _index.Find("nobody@nowhere.example", "tenant57", "shop.example", _now);

    [Benchmark]
    public SuppressionMatch? HitWithNormalisation() => _list.Find("User123457@Domain3457.EXAMPLE", "tenant57", "news@shop.example");

    private sealed class NullStore : ISuppressionStore
    {
        public void Enqueue(SuppressionEntry entry) { }

        public Task WriteAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
