using System.Buffers;
using Appliance.Mta.Bounces;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Queue;

/// <summary>
/// Applies what delivery reports (<see cref="IDeliveryOutcomes"/>): delivered and permanently failed recipients are
/// finished (the latter with an RFC 3464 DSN), deferred ones are retried with backoff (<see cref="RetrySchedule"/>)
/// until max_age and then expire with a DSN; every recipient's attempt becomes an event. This is the queue's whole
/// retry, expiry and DSN policy.
/// </summary>
public sealed class OutcomeApplier : IDeliveryOutcomes
{
    private readonly QueueStore _store;
    private readonly QueueScheduler _scheduler;
    private readonly MessageAcceptor _acceptor;
    private readonly ISpool _spool;
    private readonly IEventSink _events;
    private readonly ITenantDirectory _tenants;
    private readonly IMtaSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<OutcomeApplier> _logger;
    private readonly Random _jitter = Random.Shared;
    private readonly TextPool _texts = new();

    /// <summary>
    /// The applier over the queue state, scheduler, spool and events; <paramref name="acceptor"/> queues the DSNs it
    /// composes, <paramref name="tenants"/> says whether a tenant wants DSNs, <paramref name="classifier"/> (null:
    /// shipped rules) classifies failures.
    /// </summary>
    public OutcomeApplier(QueueStore store, QueueScheduler scheduler, MessageAcceptor acceptor, ISpool spool, IEventSink events, ITenantDirectory tenants,
        IMtaSettings settings, TimeProvider time, ILogger<OutcomeApplier> logger, BounceClassifier? classifier = null)
    {
        _store = store;
        _scheduler = scheduler;
        _acceptor = acceptor;
        _spool = spool;
        _events = events;
        _tenants = tenants;
        _settings = settings;
        _time = time;
        _logger = logger;
        Classifier = classifier ?? new BounceClassifier();
    }

    /// <summary>Classifies every failure (category and hard/soft on the event); the shipped rules unless the host registers its own.</summary>
    public BounceClassifier Classifier { get; }

    /// <inheritdoc/>
    public void Report(DeliveryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome)
        {
            case AttemptOutcome attempt:
                ApplyAttempt(attempt.Item, attempt.Recipients, attempt.Attempt);
                break;
            case CancelledOutcome cancelled:
                ApplyCancellation(cancelled.Item);
                break;
            case PostponedOutcome postponed:
                Postpone(postponed.Item, postponed.Until, postponed.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown outcome {outcome.GetType().Name}", nameof(outcome));
        }
    }

    /// <summary>Bounce: permanent failure with DSN. Delete: recipients finished silently.</summary>
    public void ApplyCancellation(QueueItem item)
    {
        if (item.Cancel == CancelAction.Bounce)
        {
            var reply = new SmtpReply(550, "5.0.0", $"Bounced by administrator: {item.CancelReason ?? "no reason given"}");
            var outcome = AttemptOutcome.Uniform(item, reply, AttemptInfo.None);
            ApplyAttempt(item, outcome.Recipients, AttemptInfo.None);
            return;
        }
        lock (item.Message.Sync)
            foreach (var index in item.Recipients) item.Message.Done[index] = true;
        _store.Finish(item);
    }

    /// <summary>
    /// Per-recipient results of one attempt: delivered and permanently failed recipients are finished (the latter
    /// with a DSN), transient ones are retried with backoff until max_age, then expire.
    /// </summary>
    private void ApplyAttempt(QueueItem item, IReadOnlyList<RecipientResult> results, AttemptInfo info)
    {
        var message = item.Message;
        var env = message.Envelope;
        var now = _time.GetUtcNow();
        var failures = new List<DsnRecipientStatus>();
        var pending = new List<int>();
        SmtpReply? lastTransient = null;
        lock (message.Sync)
        {
            for (var i = 0; i < item.Recipients.Length; i++)
            {
                var index = item.Recipients[i];
                var recipient = env.Recipients[index];
                var (status, reply) = results[i];
                var bounce = status == RecipientStatus.Delivered ? null : Classifier.Classify(reply.Code, reply.Enhanced?.ToString(), reply.Text);
                // A transient reply the rules declare hard (e.g. 4xx with 5.1.1 semantics) in a category that may not be retried fails now.
                if (status == RecipientStatus.Deferred && bounce is { Hard: true, Action.RetryAllowed: false }) status = RecipientStatus.Failed;
                var type = status switch
                {
                    RecipientStatus.Delivered => MtaEventType.Delivery,
                    RecipientStatus.Failed => MtaEventType.Bounce,
                    _ => MtaEventType.TransientFailure,
                };
                _events.Write(AttemptEvent(type, item, recipient.Address, reply, info, item.Attempts + 1) with { Category = bounce?.Category, Hard = bounce?.Hard });
                if (status == RecipientStatus.Deferred)
                {
                    pending.Add(index);
                    lastTransient = reply;
                    continue;
                }
                message.Done[index] = true;
                if (status == RecipientStatus.Failed) failures.Add(new DsnRecipientStatus(recipient, reply, info.RemoteHost, now));
            }
            item.Attempts++;
            message.Attempts = Math.Max(message.Attempts, item.Attempts);
            // Pooled only when the item waits for another attempt: a final reply ("250 ... queued as X") is unique and
            // leaves the queue with the item, so pooling it would only churn the pool on the delivery hot path.
            var last = results.Count > 0 ? results[^1].Reply.ToString() : null;
            item.LastResponse = pending.Count > 0 ? _texts.Share(last) : last;
            item.Queue.LastResponse = item.LastResponse;
        }
        if (failures.Count > 0) SendDsn(message, failures, DsnKind.Failure);
        if (pending.Count == 0)
        {
            _store.Finish(item);
            return;
        }
        var next = RetrySchedule.Next(_settings.Current.Delivery, env.ReceivedAt, now, item.Attempts, _jitter, item.RetryInterval);
        if (next is null)
        {
            Expire(item, pending, lastTransient!);
            return;
        }
        item.Recipients = [.. pending];
        item.Due = next.Value;
        _store.PersistProgress(message, next.Value, item.LastResponse);
        _scheduler.Schedule(item);
    }

    /// <summary>
    /// Puts an item back until <paramref name="until"/> without counting an attempt: traffic shaping holds it (a backoff
    /// suspended its destination, or its pool's warmup cap is used up). It still expires at max_age (RFC 5321 §4.5.4.1).
    /// </summary>
    private void Postpone(QueueItem item, DateTimeOffset until, string reason)
    {
        var now = _time.GetUtcNow();
        var expires = item.Message.ReceivedAt + _settings.Current.Delivery.MaxAge;
        if (now >= expires)
        {
            var expired = AttemptOutcome.Uniform(item, new SmtpReply(451, "4.4.5", reason), AttemptInfo.None with { Site = item.Site });
            ApplyAttempt(item, expired.Recipients, expired.Attempt);
            return;
        }
        item.LastResponse = _texts.Share(reason);
        item.Queue.LastResponse = item.LastResponse;
        item.Due = until < expires ? until : expires;
        _scheduler.Schedule(item);
    }

    /// <summary>RFC 5321 §4.5.4.1: give up after max_age; the DSN says 4.4.7 with the last response.</summary>
    private void Expire(QueueItem item, List<int> pending, SmtpReply lastResponse)
    {
        var message = item.Message;
        var now = _time.GetUtcNow();
        var failures = new List<DsnRecipientStatus>();
        var expired = new SmtpReply(lastResponse.Code >= 400 ? lastResponse.Code : 451, new EnhancedStatusCode(4, 4, 7),
            [$"Message expired after {(now - message.ReceivedAt).TotalHours:0.##} hours; last response: {lastResponse}"]);
        var recipients = message.Envelope.Recipients; // once, not per recipient: a parked message rebuilds it on each read
        lock (message.Sync)
        {
            foreach (var index in pending)
            {
                var recipient = recipients[index];
                message.Done[index] = true;
                _events.Write(QueueEvents.For(MtaEventType.Expiration, message, recipient.Address, now) with
                {
                    Queue = item.Queue.Name, Site = item.Site, Response = lastResponse.ToString(), Code = lastResponse.Code,
                    EnhancedCode = lastResponse.Enhanced?.ToString(), Attempt = item.Attempts,
                    Category = BounceCategory.MessageExpired, Hard = false,
                });
                failures.Add(new DsnRecipientStatus(recipient, expired, null, now));
            }
        }
        SendDsn(message, failures, DsnKind.Failure);
        _store.Finish(item);
    }

    /// <summary>A DSN to the envelope sender (RFC 3464), never for the null sender, a DSN, or a tenant that opted out.</summary>
    private void SendDsn(QueuedMessage message, List<DsnRecipientStatus> failures, DsnKind kind)
    {
        var env = message.Envelope;
        if (env.MailFrom.Length == 0 || env.IsDsn || !_tenants.DsnEnabled(env.TenantId)) return;
        var wanted = failures.Where(f => DsnComposer.ShouldSend(env, f.Recipient, kind)).ToList();
        if (wanted.Count == 0) return;
        try
        {
            using var content = _spool.ReadContent(message.Location);
            var (dsnEnvelope, bytes) = DsnComposer.Compose(new DsnRequest(env, message.Id.ToString(), content.Memory, wanted, _settings.Current.Hostname, _time.GetUtcNow(), kind));
            var accepted = dsnEnvelope with { ReceivedAt = _time.GetUtcNow(), ClientAddress = "127.0.0.1" };
            _ = InjectDsnAsync(accepted, bytes, message.Id);
        }
        catch (Exception ex)
        {
            QueueLog.DsnBuildFailed(_logger, message.Id.ToString(), ex);
        }
    }

    /// <summary>Queues the DSN like any message. Never throws: a failure is logged (the task is not awaited).</summary>
    private async Task InjectDsnAsync(MessageEnvelope envelope, byte[] bytes, SpoolId original)
    {
        try
        {
            var reply = await _acceptor.AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), CancellationToken.None).ConfigureAwait(false);
            if (!reply.IsPositive) QueueLog.DsnNotQueued(_logger, original.ToString(), reply.ToString());
        }
        catch (Exception ex)
        {
            QueueLog.DsnInjectFailed(_logger, original.ToString(), ex);
        }
    }

    private MtaEvent AttemptEvent(MtaEventType type, QueueItem item, string recipient, SmtpReply reply, AttemptInfo info, int attempt) =>
        QueueEvents.For(type, item.Message, recipient, _time.GetUtcNow()) with
        {
            Queue = item.Queue.Name,
            Site = info.Site ?? item.Site,
            EgressSource = info.EgressSource,
            EgressIp = info.EgressIp,
            RemoteHost = info.RemoteHost,
            Response = reply.ToString(),
            Code = reply.Code,
            EnhancedCode = reply.Enhanced?.ToString(),
            Tls = info.Tls,
            Attempt = attempt,
            DurationMs = info.DurationMs,
            // The content size, so a delivery's bytes out can be metered from the event alone.
            Size = item.Message.Location.Length,
        };
}
