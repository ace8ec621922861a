using System.Buffers;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Smtp;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue;

/// <summary>
/// How messages enter the queue: an accepted message is stored in the spool (fsynced before the 250), registered
/// in <see cref="QueueStore"/>, recorded as Reception events and split into items that <see cref="QueueScheduler"/>
/// times; at start, what the spool recovered enters the same way.
/// </summary>
public sealed class MessageAcceptor : IMessageSink
{
    private readonly ISpool _spool;
    private readonly SpoolIdGenerator _ids;
    private readonly QueueStore _store;
    private readonly QueueScheduler _scheduler;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger<MessageAcceptor> _logger;
    private readonly IAcceptedMessageObserver[] _observers;

    /// <summary>
    /// The acceptor over the spool (durability), the id generator, the queue state, the scheduler and the event sink.
    /// </summary>
    public MessageAcceptor(ISpool spool, SpoolIdGenerator ids, QueueStore store, QueueScheduler scheduler, IEventSink events, TimeProvider time, ILogger<MessageAcceptor> logger)
        : this(spool, ids, store, scheduler, events, time, logger, [])
    {
    }

    /// <summary>As the other constructor, with <paramref name="observers"/> told of each accepted message (content retention).</summary>
    public MessageAcceptor(ISpool spool, SpoolIdGenerator ids, QueueStore store, QueueScheduler scheduler, IEventSink events, TimeProvider time, ILogger<MessageAcceptor> logger,
        IEnumerable<IAcceptedMessageObserver> observers)
    {
        _observers = [.. observers];
        _spool = spool;
        _ids = ids;
        _store = store;
        _scheduler = scheduler;
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        AcceptAsync(envelope, content, null, cancellationToken);

    /// <summary>Stores <paramref name="content"/> followed by the bytes of <paramref name="spill"/> (a large message
    /// streamed to disk) as one message; the spill is copied into the spool in chunks.</summary>
    public async ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Recipients.Count == 0) return new SmtpReply(554, "5.5.1", "No valid recipients");
        var id = _ids.Next();
        SpoolLocation location;
        try
        {
            location = await _spool.StoreAsync(id, envelope, content, spill, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            QueueLog.SpoolFailed(_logger, id.ToString(), ex);
            // RFC 3463: X.3.1 mail system full; 452 asks the client to retry later (RFC 5321 §4.2.2).
            return new SmtpReply(452, "4.3.1", "Insufficient system storage, try again later");
        }
        // The header summary goes on the first recipient's event only: one copy per message in the log. The header block
        // is in the in-memory head even when the rest of a large message spilled to a file.
        // SMTP brings the summary from its one header scan; other ways in (HTTP injection, DSNs) read it here.
        var headers = envelope.ReceptionHeaders ?? ReceptionHeaderReader.Read(content);
        // The queued message does not keep it: it is the event's, and a message can wait in the queue for days.
        var queued = envelope.ReceptionHeaders is null ? envelope : envelope with { ReceptionHeaders = null };
        var message = new QueuedMessage(id, queued, location, new bool[envelope.Recipients.Count]);
        _store.Add(message);
        var now = _time.GetUtcNow();
        var size = content.Length + (spill?.Length ?? 0);
        foreach (var r in envelope.Recipients)
        {
            _events.Write(QueueEvents.For(MtaEventType.Reception, message, r.Address, now) with { Size = size, RemoteHost = envelope.ClientAddress, Headers = headers });
            headers = null;
        }
        foreach (var item in _store.CreateItems(message, now)) _scheduler.Schedule(item);
        foreach (var observer in _observers) Notify(observer, id, queued, location, content, spill);
        return new SmtpReply(250, "2.0.0", $"Ok: queued as {id}");
    }

    // An observer never refuses or delays mail: its failure is logged and the 250 goes out.
    private void Notify(IAcceptedMessageObserver observer, SpoolId id, MessageEnvelope envelope, SpoolLocation location, ReadOnlySequence<byte> content, ContentSpill? spill)
    {
        try
        {
            observer.OnAccepted(id, envelope, location, content, spill);
        }
#pragma warning disable CA1031 // any failure of an observer is logged, never surfaced to the client
        catch (Exception ex)
#pragma warning restore CA1031
        {
            QueueLog.ObserverFailed(_logger, id.ToString(), ex);
        }
    }

    /// <summary>
    /// Loads what the spool recovered and schedules every pending recipient. Every message starts parked, with the
    /// packed envelope the spool read (architecture.md, "Memory per queued message"); the envelope is rebuilt only for
    /// the moment its items are made and dropped again, so nothing keeps a full envelope per recovered message.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var recovered = await _spool.RecoverAsync(cancellationToken).ConfigureAwait(false);
        var replayed = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var texts = new TextPool();
        foreach (var m in recovered)
        {
            _ids.Observe(m.Id);
            // Transient: its labels come from EnvelopePacker's pool, and it is garbage once the items exist.
            var envelope = EnvelopePacker.Unpack(m.PackedEnvelope);
            var done = new bool[envelope.Recipients.Count];
            foreach (var i in m.Progress.Done) if (i >= 0 && i < done.Length) done[i] = true;
            var message = new QueuedMessage(m.Id, m.PackedEnvelope, m.Location, done)
            {
                Attempts = m.Progress.Attempts,
                NextAttempt = DateTimeOffset.FromUnixTimeMilliseconds(m.Progress.NextAttemptUnixMs),
                LastResponse = texts.Share(m.Progress.LastResponse),
            };
            if (done.All(d => d))
            {
                _store.Release(m.Id);
                continue;
            }
            _store.Add(message);
            var due = DateTimeOffset.FromUnixTimeMilliseconds(m.Progress.NextAttemptUnixMs);
            foreach (var item in _store.CreateItems(message, envelope, due > now ? due : now)) _scheduler.Schedule(item);
        }
        QueueLog.RecoveryTimed(_logger, (long)_time.GetElapsedTime(started, replayed).TotalMilliseconds, _store.Count,
            (long)_time.GetElapsedTime(replayed).TotalMilliseconds);
    }
}
