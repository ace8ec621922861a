using Appliance.Mta.Benchmarks;
using BenchmarkDotNet.Running;

// `backlog [N]` measures what a queued message costs in memory; anything else runs BenchmarkDotNet.
if (args.Length > 0 && args[0] == "backlog")
{
    await BacklogMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}
// `events [N] [dir]` generates N synthetic events once and times indexed searches (p50/p95).
if (args.Length > 0 && args[0] == "events")
{
    await EventSearchBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "appliance-event-bench"));
    return;
}
// `tls-source ...`: smtp-source with STARTTLS (bench/relay.sh TLS=1, bench/postfix-tls.sh).
if (args.Length > 0 && args[0] == "tls-source")
{
    Environment.ExitCode = await TlsSmtpSource.RunAsync(args[1..]);
    return;
}
// `dkim-cpu [rounds]`: DKIM signing in thread CPU time, interleaved rounds (for a loaded machine).
if (args.Length > 0 && args[0] == "dkim-cpu")
{
    DkimCpuBench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(BacklogMemory).Assembly).Run(args);
