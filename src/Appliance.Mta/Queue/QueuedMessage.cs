using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Queue;

/// <summary>
/// A message in the queue: envelope, where its bytes are, and which recipients are finished. Only
/// metadata lives in memory; content stays in the spool. Mutations happen under <see cref="Sync"/>.
/// </summary>
public sealed class QueuedMessage
{
    /// <summary>A message just accepted: its envelope is kept as it is until the message waits (<see cref="Park"/>).</summary>
    public QueuedMessage(SpoolId id, MessageEnvelope envelope, SpoolLocation location, bool[] done)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        Id = id;
        _envelope = envelope;
        Location = location;
        Done = done;
    }

    /// <summary>
    /// A message rebuilt at recovery: it starts parked, with <paramref name="packedEnvelope"/> (<see
    /// cref="EnvelopePacker.Pack"/>'s bytes, kept as they are) as its only envelope.
    /// </summary>
    public QueuedMessage(SpoolId id, byte[] packedEnvelope, SpoolLocation location, bool[] done)
    {
        ArgumentNullException.ThrowIfNull(packedEnvelope);
        Id = id;
        _packed = packedEnvelope;
        Location = location;
        Done = done;
    }

    /// <summary>The message's queue id, also its spool key.</summary>
    public SpoolId Id { get; }
    private MessageEnvelope? _envelope;
    private byte[]? _packed;

    /// <summary>
    /// The envelope as accepted (sender, recipients, tenant, DSN parameters); never changes. While the message is
    /// parked (<see cref="Park"/>) each read rebuilds an equal copy from the packed form.
    /// </summary>
    public MessageEnvelope Envelope => Volatile.Read(ref _envelope) ?? EnvelopePacker.Unpack(_packed!);

    /// <summary>When the message was accepted (the envelope's <see cref="MessageEnvelope.ReceivedAt"/>), read without rebuilding a parked envelope.</summary>
    public DateTimeOffset ReceivedAt => Volatile.Read(ref _envelope)?.ReceivedAt ?? EnvelopePacker.ReceivedAt(_packed!);

    /// <summary>
    /// True while only the packed form of the envelope is held (every item of the message waited in the timer last).
    /// </summary>
    public bool Parked => Volatile.Read(ref _envelope) is null;

    /// <summary>
    /// The message waits (an item went into the timer): the envelope is kept in its packed form only
    /// (<see cref="EnvelopePacker"/>), about a third of the memory. Idempotent.
    /// </summary>
    public void Park()
    {
        lock (Sync)
        {
            if (_envelope is not { } envelope) return;
            _packed ??= EnvelopePacker.Pack(envelope);
            Volatile.Write(ref _envelope, null);
        }
    }

    /// <summary>
    /// Delivery takes an item of the message to send it (the dispatcher's dequeue, not the scheduler's emit: an item
    /// waiting in a ready queue stays packed): the envelope is rebuilt once and kept for the attempt and its outcome.
    /// </summary>
    public void Unpark()
    {
        if (Volatile.Read(ref _envelope) is not null) return;
        lock (Sync)
        {
            if (_envelope is null) Volatile.Write(ref _envelope, EnvelopePacker.Unpack(_packed!));
        }
    }
    /// <summary>Changes when the spool relocates the message out of an old segment.</summary>
    public SpoolLocation Location { get; set; }
    /// <summary>
    /// The lock guarding this message's mutable fields (never take the store's lock while holding it): the message
    /// itself, not a separate object (24 bytes less per queued message).
    /// </summary>
    public object Sync => this;

    /// <summary>Per recipient: delivered or permanently failed.</summary>
    public bool[] Done { get; }

    /// <summary>The most attempts any of the message's items has had.</summary>
    public int Attempts { get; set; }

    /// <summary>Items (per destination domain) not yet finished.</summary>
    public int OpenItems { get; set; }

    /// <summary>
    /// True once every recipient is finished and the message left the spool; lookups treat it as gone.
    /// </summary>
    public bool Removed { get; set; }

    /// <summary>Items of this message the queue counters count now (owned by <see cref="QueueCounters"/>, under its lock).</summary>
    internal int CountedItems { get; set; }

    /// <summary>Next attempt and last response as last persisted; used when the message is relocated.</summary>
    public DateTimeOffset NextAttempt
    {
        get => new(_nextAttemptTicks, TimeSpan.Zero);
        set => _nextAttemptTicks = value.UtcTicks;
    }

    private long _nextAttemptTicks;

    /// <summary>The last reply as last persisted (see <see cref="NextAttempt"/>).</summary>
    public string? LastResponse { get; set; }

    /// <summary>
    /// The progress record to persist now: finished recipients, attempts, <paramref name="nextAttempt"/> and <paramref
    /// name="lastResponse"/>.
    /// </summary>
    public MessageProgress Snapshot(DateTimeOffset nextAttempt, string? lastResponse)
    {
        var done = new List<int>();
        for (var i = 0; i < Done.Length; i++) if (Done[i]) done.Add(i);
        return new MessageProgress([.. done], Attempts, nextAttempt.ToUnixTimeMilliseconds(), lastResponse);
    }
}
