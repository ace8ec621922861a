using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Appliance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Settings;

/// <summary>
/// Keeps this node's snapshots in step with the shared database. A notice (<see cref="IClusterNotices"/>) wakes it at
/// once; otherwise it compares the <see cref="SettingsVersion"/> rows with the versions it has loaded every
/// <see cref="ClusterOptions.VersionPollInterval"/>, so a missed notice delays a change by one interval at most.
/// Each changed area is reloaded (<see cref="SettingsReloader"/>); a failed reload or an unreachable database keeps
/// the last snapshot (mail keeps flowing) and is retried on the next round.
/// </summary>
public sealed class ClusterSettingsSync(IDbContextFactory<ApplianceDbContext> dbFactory, IClusterNotices notices, SettingsReloader reloader,
    IOptions<ClusterOptions> options, TimeProvider time, ILogger<ClusterSettingsSync> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _known = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _unreachable;

    /// <summary>True while the last version check could not reach the database.</summary>
    public bool DatabaseUnreachable => _unreachable;

    /// <summary>The versions this node has loaded, by area (for tests and the registry).</summary>
    public IReadOnlyDictionary<string, long> Known
    {
        get { lock (_known) return new Dictionary<string, long>(_known, StringComparer.Ordinal); }
    }

    /// <summary>Start-up step, before the snapshots load: what is loaded next is at least these versions.</summary>
    public async Task MarkAsync(CancellationToken ct)
    {
        var versions = await ReadAsync(ct);
        lock (_known) foreach (var (area, version) in versions) _known[area] = version;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // connecting to Redis must not hold up the host's start
        // A notice bus that cannot subscribe (Redis away at start) must not stop the host: the version poll below still
        // brings every change within VersionPollInterval.
        IDisposable? subscription = null;
        try
        {
            subscription = notices.Subscribe(_ => _wake.Writer.TryWrite(true));
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            ClusterLog.SubscribeFailed(logger, ex.Message);
        }
        using var subscriptionScope = subscription;
        Task<bool>? woken = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                woken ??= _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                await Task.WhenAny(woken, Task.Delay(options.Value.VersionPollInterval, time, stoppingToken));
                if (woken.IsCompleted)
                {
                    await woken;
                    woken = null;
                    _wake.Reader.TryRead(out _);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await CheckAsync(stoppingToken);
        }
    }

    /// <summary>One round: read the versions, reload what moved. Public for tests.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        IReadOnlyDictionary<string, long> versions;
        try
        {
            versions = await ReadAsync(ct);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException && !ct.IsCancellationRequested)
        {
            if (!_unreachable) ClusterLog.DatabaseUnreachable(logger, ex.Message);
            _unreachable = true;
            return;
        }
        if (_unreachable) ClusterLog.DatabaseBack(logger);
        _unreachable = false;
        foreach (var (name, version) in versions)
        {
            long previous;
            lock (_known) previous = _known.GetValueOrDefault(name, -1);
            if (version <= previous || !Enum.TryParse<SettingsArea>(name, out var area)) continue;
            var watch = Stopwatch.StartNew();
            try
            {
                await reloader.ReloadAsync(area, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                ClusterLog.ReloadFailed(logger, name, ex);
                continue;
            }
            lock (_known) _known[name] = version;
            ClusterLog.Reloaded(logger, name, version, previous, watch.ElapsedMilliseconds);
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SettingsVersion>().AsNoTracking().ToDictionaryAsync(v => v.Area, v => v.Version, StringComparer.Ordinal, ct);
    }
}
