using System.Buffers;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Delivery;

/// <summary>
/// An item taken from a ready queue for one connection: its spooled content read and its transactions built, or the
/// error that reading it raised (reported as a failed attempt when its turn comes), and the time its rate slot falls due.
/// </summary>
internal sealed class PreparedSend(QueueItem item, IMemoryOwner<byte>? content, IReadOnlyList<OutboundMessage> transactions, Exception? error, DateTimeOffset due)
    : IDisposable
{
    /// <summary>The queue item.</summary>
    public QueueItem Item { get; } = item;

    /// <summary>The transactions that carry it (more than one with VERP or a recipients-per-transaction limit).</summary>
    public IReadOnlyList<OutboundMessage> Transactions { get; } = transactions;

    /// <summary>Reading the spooled content failed; nothing can be sent.</summary>
    public Exception? Error { get; } = error;

    /// <summary>When the rate slot reserved for it falls due (<see cref="DateTimeOffset.MinValue"/>: no wait).</summary>
    public DateTimeOffset Due { get; } = due;

    /// <summary>Gives the spooled content back.</summary>
    public void Dispose() => content?.Dispose();
}
