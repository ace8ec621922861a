using Appliance.Mta.Admin;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue;

/// <summary>
/// The queue's admin face (mox queue.HoldSet/Fail/Drop with a filter; <see cref="IQueueAdmin"/>): summary,
/// suspend/resume, retry now, bounce, delete, plus the read-only lookups the host shows. The queue's other jobs have
/// their own types: <see cref="MessageAcceptor"/> (messages in), <see cref="QueueStore"/> (state and progress),
/// <see cref="QueueScheduler"/> (timer and the due channel), <see cref="OutcomeApplier"/> (retry, expiry, DSN),
/// <see cref="QueueLookup"/> (reads) and <see cref="SpoolCompactor"/> (old segments). It speaks neither SMTP nor
/// DNS and never calls delivery: ready queues are reached through <see cref="IReadyQueueControl"/>.
/// </summary>
public sealed partial class QueueManager
{
    /// <summary>At most this much of the content is read to find the headers.</summary>
    public const int MaxHeaderBytes = QueueLookup.MaxHeaderBytes;

    private readonly QueueStore _store;
    private readonly QueueScheduler _scheduler;
    private readonly OutcomeApplier _outcomes;
    private readonly QueueLookup _lookup;
    private readonly IReadyQueueControl? _readyQueues;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;

    public QueueManager(QueueStore store, QueueScheduler scheduler, OutcomeApplier outcomes, QueueLookup lookup, IEventSink events, TimeProvider time,
        IReadyQueueControl? readyQueues = null)
    {
        _store = store;
        _scheduler = scheduler;
        _outcomes = outcomes;
        _lookup = lookup;
        _events = events;
        _time = time;
        _readyQueues = readyQueues;
    }

    /// <summary>Messages in the queue.</summary>
    public int Count => _store.Count;

    /// <summary>The rules failures are classified with (the outcome applier's).</summary>
    public BounceClassifier Classifier => _outcomes.Classifier;

    /// <inheritdoc cref="QueueLookup.Find"/>
    public QueuedMessage? Find(string id) => _lookup.Find(id);

    /// <inheritdoc cref="QueueLookup.ReadHeaders"/>
    public IReadOnlyList<HeaderField>? ReadHeaders(QueuedMessage message) => _lookup.ReadHeaders(message);

    /// <inheritdoc cref="QueueLookup.ParseHeaders"/>
    public static IReadOnlyList<HeaderField> ParseHeaders(ReadOnlySpan<byte> content) => QueueLookup.ParseHeaders(content);

    /// <inheritdoc cref="QueueLookup.CountMatching"/>
    public int CountMatching(QueueFilter filter) => _lookup.CountMatching(filter);

    int IQueueAdmin.Count(QueueFilter filter) => CountMatching(filter);

    /// <summary>Ready queues on hold (every host refused connections) at <paramref name="now"/>: name → held until.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GetHeldReadyQueues(DateTimeOffset now) =>
        _readyQueues?.Held(now) ?? new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
}
