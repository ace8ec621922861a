using Appliance.Mta.Benchmarks;
using BenchmarkDotNet.Running;

// `backlog [N]` measures what a queued message costs in memory; anything else runs BenchmarkDotNet.
if (args.Length > 0 && args[0] == "backlog")
{
    await BacklogMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(BacklogMemory).Assembly).Run(args);
