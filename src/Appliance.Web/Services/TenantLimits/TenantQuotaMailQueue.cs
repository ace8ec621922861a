using System.Threading.Channels;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// The hand-off from the reception step that raises a quota warning (<see cref="TenantQuotaAlerts"/>) to the
/// <see cref="TenantQuotaMailer"/> that mails it: the step must not wait for a database query or the queue, and the
/// mailer's sink (the reception pipeline) contains that step, so they meet here. Bounded: when 1,000 warnings wait,
/// more are dropped with a log line (their Alert events are still raised).
/// </summary>
public sealed class TenantQuotaMailQueue
{
    public const int Capacity = 1000;

    private readonly Channel<TenantQuotaWarning> _channel = Channel.CreateBounded<TenantQuotaWarning>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>False when the queue is full (the warning is not mailed).</summary>
    public bool TryAdd(TenantQuotaWarning warning) => _channel.Writer.TryWrite(warning);

    public IAsyncEnumerable<TenantQuotaWarning> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
