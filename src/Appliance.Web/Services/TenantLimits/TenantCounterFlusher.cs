namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Writes every <see cref="ITenantCounterStore"/> (quota counters, metered usage) every <see cref="FlushInterval"/> of
/// wall-clock time and at stop, so a crash loses at most the last interval's counts. A failed write is logged and its
/// counters stay pending for the next flush.
/// </summary>
public sealed partial class TenantCounterFlusher(IEnumerable<ITenantCounterStore> stores, ILogger<TenantCounterFlusher> logger) : BackgroundService
{
    /// <summary>Wall clock (not the injected one: tests move a fake clock by hours).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(FlushInterval, stoppingToken);
                await FlushAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAllAsync(CancellationToken.None);
    }

    /// <summary>Flushes each store; one failing store does not keep the others from writing.</summary>
    public async Task FlushAllAsync(CancellationToken ct)
    {
        foreach (var store in stores)
        {
            try
            {
                await store.FlushAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFlushFailed(logger, store.Name, ex);
            }
        }
    }

    [LoggerMessage(3611, LogLevel.Warning, "Could not store the {Counters}; retried at the next flush")]
    private static partial void LogFlushFailed(ILogger logger, string counters, Exception ex);
}
