using System.Threading.Channels;
using Appliance.Mta.Dns;
using Appliance.Mta.Egress;
using Appliance.Mta.Queue;
using Appliance.Mta.Shaping;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Delivery;

/// <summary>
/// A ready queue (KumoMTA): items due now for one destination site from one egress source. Connections
/// to the site pull items from it; their number is bounded per queue.
/// </summary>
/// <remarks>
/// Thread safety: resolutions, connections and admin calls read and write a ready queue concurrently. Every
/// property is safe to read and write from any thread: references and flags are volatile (a reader sees the latest
/// write, never a torn value), the connection count changes only through <see cref="Interlocked"/>, and the hold (a
/// reply and an end time that belong together) is one immutable record swapped whole (<see cref="Hold"/>,
/// <see cref="ClearHold"/>). <see cref="Source"/>, <see cref="Plan"/> and <see cref="Shaping"/> are refreshed
/// together by each placement; a reader between two placements may see one new and one older value, both valid.
/// </remarks>
public sealed class ReadyQueue(string egressSource, string site)
{
    private int _connections;
    private volatile NextHopPlan? _plan;
    private volatile bool _suspended;
    private volatile EgressSource _source = new(egressSource);
    private volatile EffectiveShaping? _shaping;
    private volatile ReadyQueueHold? _hold;
    private volatile string? _lastResponse;

    /// <summary>The egress source (a named sending IP) whose connections serve this queue.</summary>
    public string EgressSource { get; } = egressSource;
    /// <summary>
    /// The site key: the destination's rolled-up MX set (or a route, or an MTA-STS/DANE site) this queue delivers to.
    /// </summary>
    public string Site { get; } = site;
    /// <summary>"{source}->{site}", the key shown in the admin UI, metrics and events.</summary>
    public string Name { get; } = $"{egressSource}->{site}";
    /// <summary>The items waiting for a connection (unbounded; items are bounded by the queue, not here).</summary>
    public Channel<QueueItem> Items { get; } = Channel.CreateUnbounded<QueueItem>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    /// <summary>The latest resolution for the site: hosts to connect to.</summary>
    public NextHopPlan? Plan
    {
        get => _plan;
        set => _plan = value;
    }

    /// <summary>Suspended by an admin: connections stop after their current transaction, none are opened.</summary>
    public bool Suspended
    {
        get => _suspended;
        set => _suspended = value;
    }

    /// <summary>The egress source this queue sends from (bind address, EHLO name); set when items are placed.</summary>
    public EgressSource Source
    {
        get => _source;
        set => _source = value;
    }

    /// <summary>The limits in force (with their origins), refreshed whenever an item is placed; null until then.</summary>
    public EffectiveShaping? Shaping
    {
        get => _shaping;
        set => _shaping = value;
    }

    /// <summary>
    /// After every host of the site refused a connection, new items fail transiently with
    /// <see cref="HoldReply"/> until this time instead of each opening another doomed connection.
    /// </summary>
    public DateTimeOffset HeldUntil => _hold?.Until ?? default;

    /// <summary>The reply items get while the queue is held; null when no hold was set since the last connection.</summary>
    public SmtpReply? HoldReply => _hold?.Reply;

    /// <summary>The reply of the latest connection failure or transaction, for the admin views.</summary>
    public string? LastResponse
    {
        get => _lastResponse;
        set => _lastResponse = value;
    }

    /// <summary>Connections open to the site for this queue now (bounded by the shaping limit).</summary>
    public int Connections => Volatile.Read(ref _connections);
    /// <summary>Items waiting for a connection.</summary>
    public int Pending => Items.Reader.Count;

    /// <summary>Holds the queue until <paramref name="until"/>: items placed meanwhile fail with <paramref name="reply"/>.</summary>
    public void Hold(SmtpReply reply, DateTimeOffset until) => _hold = new ReadyQueueHold(reply, until);

    /// <summary>A connection got through: the hold ends.</summary>
    public void ClearHold() => _hold = null;

    /// <summary>The hold's reply when the queue is held at <paramref name="now"/>.</summary>
    public bool IsHeld(DateTimeOffset now, out SmtpReply reply)
    {
        var hold = _hold;
        reply = hold?.Reply!;
        return hold is not null && hold.Until > now;
    }

    /// <summary>Adds an item to wait for a connection; never blocks (the channel is unbounded).</summary>
    public void Enqueue(QueueItem item) => Items.Writer.TryWrite(item);

    /// <summary>Takes the next waiting item, if any, without waiting.</summary>
    public bool TryDequeue(out QueueItem item) => Items.Reader.TryRead(out item!);

    /// <summary>Claims a connection slot if fewer than <paramref name="max"/> are open and there is work for another.</summary>
    public bool TryAddConnection(int max)
    {
        while (true)
        {
            var current = Volatile.Read(ref _connections);
            if (current >= max || current >= Pending) return false;
            if (Interlocked.CompareExchange(ref _connections, current + 1, current) == current) return true;
        }
    }

    /// <summary>Gives a connection slot back (the connection closed); returns how many remain open.</summary>
    public int ReleaseConnection() => Interlocked.Decrement(ref _connections);
}
