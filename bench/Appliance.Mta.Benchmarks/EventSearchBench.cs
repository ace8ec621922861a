using System.Diagnostics;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Mta.Events.Index;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// `events [N] [dir]`: writes N synthetic events once (hourly files of 40,000 events, about 1 GB per 3M events) into a
/// temporary folder, builds the sidecar indexes, then times 200 searches of each kind (message id, recipient miss and
/// hit, sender, sender domain, tenant + time range) and prints p50/p95/max. Reuses the folder when it already holds N events.
/// </summary>
public static class EventSearchBench
{
    private const int PerHour = 40_000;

    public static async Task RunAsync(int total, string dir)
    {
        Directory.CreateDirectory(dir);
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var hours = (total + PerHour - 1) / PerHour;
        var sw = Stopwatch.StartNew();
        if (Directory.EnumerateFiles(dir, "*.jsonl").Count() != hours)
        {
            for (var h = 0; h < hours; h++)
            {
                var hour = start.AddHours(h);
                using var w = new StreamWriter(Path.Combine(dir, $"events-{hour.UtcDateTime:yyyyMMddHH}.jsonl"));
                for (var i = 0; i < PerHour && h * PerHour + i < total; i++) w.WriteLine(JsonSerializer.Serialize(Synthetic(h * PerHour + i, hour), EventLog.Json));
            }
            Console.WriteLine($"generated {total:N0} events in {hours} files: {sw.Elapsed.TotalSeconds:0.0} s");
            sw.Restart();
            // Index every file (the bench has no "current hour").
            foreach (var f in Directory.EnumerateFiles(dir, "*.jsonl")) EventIndexFile.Build(f);
            Console.WriteLine($"indexed: {sw.Elapsed.TotalSeconds:0.0} s");
        }
        var rng = new Random(42);
        await Measure("messageId", () => new EventQuery { MessageId = $"{rng.Next(total / 3):x16}" }, dir);
        await Measure("recipient", () => new EventQuery { Recipient = $"user{rng.Next(total / 2)}@example{rng.Next(500)}.net" }, dir);
        await Measure("recipient hit", () =>
        {
            var i = rng.Next(total);
            return new EventQuery { Recipient = $"user{i / 2}@example{i % 500}.net" };
        }, dir);
        await Measure("sender", () =>
        {
            var j = rng.Next(1000);
            return new EventQuery { Sender = $"news{j}@sender{j % 200}.test" };
        }, dir);
        await Measure("sender domain", () => new EventQuery { Sender = $"@sender{rng.Next(200)}.test" }, dir);
        await Measure("tenant+range", () =>
        {
            var from = start.AddHours(rng.Next(hours));
            return new EventQuery { Tenant = $"tenant{rng.Next(50)}", From = from, To = from.AddHours(6) };
        }, dir);
    }

    private static MtaEvent Synthetic(int i, DateTimeOffset hour) => new()
    {
        Type = (i % 3) switch { 0 => MtaEventType.Reception, 1 => MtaEventType.Delivery, _ => MtaEventType.TransientFailure },
        Timestamp = hour.AddMilliseconds(i % PerHour * 90),
        MessageId = $"{i / 3:x16}",
        MessageIdHeader = $"<{i / 3}@sender{i % 200}.test>",
        Tenant = $"tenant{i % 50}",
        Sender = $"news{i % 1000}@sender{i % 200}.test",
        Recipient = $"user{i / 2}@example{i % 500}.net",
        Site = $"mx.example{i % 500}.net",
        Response = "250 2.0.0 Ok: queued",
        Code = 250,
    };

    private static async Task Measure(string name, Func<EventQuery> query, string dir)
    {
        var times = new List<double>();
        var found = 0;
        for (var i = 0; i < 200; i++)
        {
            var q = query();
            var sw = Stopwatch.StartNew();
            await foreach (var _ in EventSearch.StreamAsync(dir, q, CancellationToken.None)) found++;
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-14} p50 {times[100],7:0.0} ms  p95 {times[190],7:0.0} ms  max {times[^1],7:0.0} ms  ({found / 200.0:0.#} hits/query)");
    }
}
