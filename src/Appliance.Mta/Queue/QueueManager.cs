using System.Buffers;
using System.Collections.Concurrent;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Queue;

/// <summary>
/// The queue owns every accepted message until each recipient is delivered, bounced or expired. It
/// stores messages in the spool before answering 250, splits them into items per destination domain
/// held in scheduled queues (tenant, campaign, domain), hands due items to the dispatcher, applies
/// delivery outcomes (retry with backoff, expiry, DSNs) and persists progress. It does not speak SMTP
/// or DNS: the dispatcher does.
/// </summary>
public sealed partial class QueueManager : IMessageSink
{
    private readonly ISpool _spool;
    private readonly SpoolIdGenerator _ids;
    private readonly IEventSink _events;
    private readonly ITenantDirectory _tenants;
    private readonly MtaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueManager> _logger;
    private readonly ConcurrentDictionary<long, QueuedMessage> _messages = new();
    private readonly Lock _queuesLock = new();
    private readonly Dictionary<string, ScheduledQueue> _scheduled = new(StringComparer.Ordinal);
    private IItemDispatcher? _dispatcher;

    public QueueManager(ISpool spool, SpoolIdGenerator ids, IEventSink events, ITenantDirectory tenants, IOptions<MtaOptions> options, TimeProvider time, ILogger<QueueManager> logger)
    {
        _spool = spool;
        _ids = ids;
        _events = events;
        _tenants = tenants;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Messages in the queue.</summary>
    public int Count => _messages.Count;

    public void Attach(IItemDispatcher dispatcher) => _dispatcher = dispatcher;

    public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        AcceptAsync(envelope, content, null, cancellationToken);

    /// <summary>Stores <paramref name="content"/> followed by the bytes of <paramref name="spill"/> (a large message
    /// streamed to disk) as one message; the spill is copied into the spool in chunks.</summary>
    public async ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill, CancellationToken cancellationToken)
    {
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
        var message = new QueuedMessage(id, envelope, location, new bool[envelope.Recipients.Count]);
        _messages[id.Value] = message;
        var now = _time.GetUtcNow();
        // The header summary goes on the first recipient's event only: one copy per message in the log. The header block
        // is in the in-memory head even when the rest of a large message spilled to a file.
        // SMTP brings the summary from its one header scan; other ways in (HTTP injection, DSNs) read it here.
        var headers = envelope.ReceptionHeaders ?? ReceptionHeaderReader.Read(content);
        var size = content.Length + (spill?.Length ?? 0);
        foreach (var r in envelope.Recipients)
        {
            _events.Write(NewEvent(MtaEventType.Reception, message, r.Address) with { Size = size, RemoteHost = envelope.ClientAddress, Headers = headers });
            headers = null;
        }
        CreateItems(message, now);
        return new SmtpReply(250, "2.0.0", $"Ok: queued as {id}");
    }

    /// <summary>Loads what the spool recovered and schedules every pending recipient.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var recovered = await _spool.RecoverAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        foreach (var m in recovered)
        {
            _ids.Observe(m.Id);
            var done = new bool[m.Envelope.Recipients.Count];
            foreach (var i in m.Progress.Done) if (i >= 0 && i < done.Length) done[i] = true;
            var message = new QueuedMessage(m.Id, m.Envelope, m.Location, done)
            {
                Attempts = m.Progress.Attempts,
                NextAttempt = DateTimeOffset.FromUnixTimeMilliseconds(m.Progress.NextAttemptUnixMs),
                LastResponse = m.Progress.LastResponse,
            };
            if (done.All(d => d))
            {
                _ = ObserveAsync(_spool.RemoveAsync(m.Id), m.Id);
                continue;
            }
            _messages[m.Id.Value] = message;
            var due = DateTimeOffset.FromUnixTimeMilliseconds(m.Progress.NextAttemptUnixMs);
            CreateItems(message, due > now ? due : now);
        }
    }

    private void CreateItems(QueuedMessage message, DateTimeOffset due)
    {
        var env = message.Envelope;
        var byDomain = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < env.Recipients.Count; i++)
        {
            if (message.Done[i]) continue;
            var domain = env.Recipients[i].Domain;
            if (!byDomain.TryGetValue(domain, out var list)) byDomain[domain] = list = [];
            list.Add(i);
        }
        var chunk = Math.Max(1, _options.Delivery.MaxRecipientsPerTransaction);
        var items = new List<QueueItem>();
        lock (_queuesLock)
        {
            foreach (var (domain, indices) in byDomain)
            {
                var queue = GetScheduledQueue(env.TenantId, env.Campaign, domain);
                for (var start = 0; start < indices.Count; start += chunk)
                {
                    var item = new QueueItem(message, domain, indices.Skip(start).Take(chunk).ToArray(), queue) { Due = due, Attempts = message.Attempts };
                    queue.Items.Add(item);
                    items.Add(item);
                }
            }
        }
        lock (message.Sync) message.OpenItems += items.Count;
        foreach (var item in items) Schedule(item);
    }

    private ScheduledQueue GetScheduledQueue(string tenant, string? campaign, string domain)
    {
        var key = ScheduledQueue.KeyOf(tenant, campaign, domain);
        if (!_scheduled.TryGetValue(key, out var queue)) _scheduled[key] = queue = new ScheduledQueue(tenant, campaign, domain);
        return queue;
    }

    private MtaEvent NewEvent(MtaEventType type, QueuedMessage message, string? recipient) => new()
    {
        Type = type,
        Timestamp = _time.GetUtcNow(),
        MessageId = message.Id.ToString(),
        MessageIdHeader = message.Envelope.MessageIdHeader,
        Tenant = message.Envelope.TenantId,
        Sender = message.Envelope.MailFrom,
        Recipient = recipient,
    };

    private async Task ObserveAsync(Task task, SpoolId id)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception ex) { QueueLog.SpoolUpdateFailed(_logger, id.ToString(), ex); }
    }
}
