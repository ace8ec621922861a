using System.Globalization;
using Appliance.Mta.Suppression;
using Appliance.Web.Cluster.Limits;
using StackExchange.Redis;

namespace Appliance.Web.Cluster.Quotas;

/// <summary>
/// Complaint rates for the cluster as a whole (issue 19): every <see cref="Interval"/> the node adds what its
/// <see cref="ComplaintRateCounter"/> counted since the last round (deliveries and complaints per tenant, egress source
/// and egress IP) to per-hour hashes in Redis (<c>{prefix}:complaints:{t|s|i}:{unix hour}</c>, fields <c>d:{name}</c>
/// and <c>c:{name}</c>, 25 hours to live), reads the last 24 hours back and hands them to the counter, so the API, the
/// page, <see cref="ComplaintRateAlerts"/> and the metrics gauge show cluster totals. While Redis is away the counter
/// answers from the node's own counts and the deltas wait for the next round that reaches Redis.
/// </summary>
public sealed class RedisComplaintRates(ComplaintRateCounter counter, ClusterLimitsConnection redis, TimeProvider time) : BackgroundService
{
    /// <summary>How often the deltas are shared and the totals read (1 s: a complaint shows on every node within about 2 s).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private static readonly (string Kind, Func<ComplaintRateState, Dictionary<string, List<ComplaintBucket>>> Of)[] Kinds =
        [("t", s => s.Tenants), ("s", s => s.Sources), ("i", s => s.Ips)];

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        counter.StartSharing();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall clock: tests move the injected clock by hours.
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await SyncAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: shares the delta, then reads the cluster's 24 hours. Returns false when Redis was away.</summary>
    public async Task<bool> SyncAsync()
    {
        if (!redis.TryShared())
        {
            counter.UseShared(null);
            return false;
        }
        var delta = counter.TakeDelta();
        try
        {
            await PushAsync(delta).ConfigureAwait(false);
            counter.UseShared(await ReadAsync().ConfigureAwait(false));
            return true;
        }
        catch (Exception ex) when (ClusterLimitsConnection.IsUnreachable(ex))
        {
            counter.ReturnDelta(delta);
            counter.UseShared(null);
            redis.Failed(ex);
            return false;
        }
    }

    private string Key(string kind, long hour) => redis.Key("complaints", kind + ":" + hour.ToString(CultureInfo.InvariantCulture));

    private async Task PushAsync(ComplaintRateState delta)
    {
        var batch = redis.Database.CreateBatch();
        var tasks = new List<Task>();
        foreach (var (kind, of) in Kinds)
        {
            foreach (var (name, buckets) in of(delta))
            {
                foreach (var b in buckets)
                {
                    var key = Key(kind, b.Hour);
                    if (b.Deliveries > 0) tasks.Add(batch.HashIncrementAsync(key, "d:" + name, b.Deliveries));
                    if (b.Complaints > 0) tasks.Add(batch.HashIncrementAsync(key, "c:" + name, b.Complaints));
                    tasks.Add(batch.KeyExpireAsync(key, TimeSpan.FromHours(HoursInWindow + 1)));
                }
            }
        }
        if (tasks.Count == 0) return;
        batch.Execute();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The 24-hour window of <see cref="ComplaintRateCounter"/>.</summary>
    private const int HoursInWindow = 24;

    private async Task<ComplaintRateState> ReadAsync()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        var batch = redis.Database.CreateBatch();
        var reads = new List<(int Kind, long Hour, Task<HashEntry[]> Entries)>();
        for (var k = 0; k < Kinds.Length; k++)
            for (var h = now - HoursInWindow + 1; h <= now; h++)
                reads.Add((k, h, batch.HashGetAllAsync(Key(Kinds[k].Kind, h))));
        batch.Execute();
        await Task.WhenAll(reads.Select(r => r.Entries)).ConfigureAwait(false);
        var state = new ComplaintRateState(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var (k, hour, entries) in reads)
        {
            var into = Kinds[k].Of(state);
            var perName = new Dictionary<string, (long D, long C)>(StringComparer.Ordinal);
            foreach (var e in entries.Result)
            {
                var field = (string)e.Name!;
                if (field.Length < 3) continue;
                var name = field[2..];
                var counts = perName.GetValueOrDefault(name);
                perName[name] = field[0] == 'd' ? (counts.D + (long)e.Value, counts.C) : (counts.D, counts.C + (long)e.Value);
            }
            foreach (var (name, (d, c)) in perName)
            {
                if (!into.TryGetValue(name, out var list)) into[name] = list = [];
                list.Add(new ComplaintBucket(hour, d, c));
            }
        }
        return state;
    }
}
