using System.Buffers;
using Appliance.Mta.Bounces;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue;

public sealed partial class QueueManager
{
    private readonly Random _jitter = Random.Shared;

    /// <summary>
    /// Classifies every failure (category and hard/soft on the event). The host replaces it with its live-reloadable
    /// singleton before the engine starts; the default uses the shipped rules.
    /// </summary>
    public BounceClassifier Classifier { get; set; } = new();

    /// <summary>Applies one reply to every recipient of the item (connection or DNS failure, admin bounce).</summary>
    public void ApplyUniform(QueueItem item, SmtpReply reply, AttemptInfo info)
    {
        var replies = new SmtpReply[item.Recipients.Length];
        Array.Fill(replies, reply);
        ApplyResults(item, replies, info);
    }

    /// <summary>
    /// Applies per-recipient replies of one attempt: delivered and permanently failed recipients are
    /// finished (the latter with a DSN), transient ones are retried with backoff until max_age, then expire.
    /// </summary>
    public void ApplyResults(QueueItem item, IReadOnlyList<SmtpReply> replies, AttemptInfo info)
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
                var reply = replies[i];
                var verdict = ReplyClassifier.Classify(reply);
                var bounce = verdict == DeliveryVerdict.Delivered ? null : Classifier.Classify(reply.Code, reply.Enhanced?.ToString(), reply.Text);
                // A transient reply the rules declare hard (e.g. 4xx with 5.1.1 semantics) in a category that may not be retried fails now.
                if (verdict == DeliveryVerdict.Transient && bounce is { Hard: true, Action.RetryAllowed: false }) verdict = DeliveryVerdict.Permanent;
                var type = verdict switch
                {
                    DeliveryVerdict.Delivered => MtaEventType.Delivery,
                    DeliveryVerdict.Permanent => MtaEventType.Bounce,
                    _ => MtaEventType.TransientFailure,
                };
                _events.Write(AttemptEvent(type, item, recipient.Address, reply, info, item.Attempts + 1) with { Category = bounce?.Category, Hard = bounce?.Hard });
                if (verdict == DeliveryVerdict.Transient)
                {
                    pending.Add(index);
                    lastTransient = reply;
                    continue;
                }
                message.Done[index] = true;
                if (verdict == DeliveryVerdict.Permanent) failures.Add(new DsnRecipientStatus(recipient, reply, info.RemoteHost, now));
            }
            item.Attempts++;
            message.Attempts = Math.Max(message.Attempts, item.Attempts);
            item.LastResponse = replies.Count > 0 ? replies[^1].ToString() : null;
            item.Queue.LastResponse = item.LastResponse;
        }
        if (failures.Count > 0) SendDsn(message, failures, DsnKind.Failure);
        if (pending.Count == 0)
        {
            FinishItem(item);
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
        PersistProgress(message, next.Value, item.LastResponse);
        Schedule(item);
    }

    /// <summary>
    /// Puts an item back until <paramref name="until"/> without counting an attempt: traffic shaping holds it (a backoff
    /// suspended its destination, or its pool's warmup cap is used up). It still expires at max_age (RFC 5321 §4.5.4.1).
    /// </summary>
    public void Postpone(QueueItem item, DateTimeOffset until, string reason)
    {
        var now = _time.GetUtcNow();
        var expires = item.Message.Envelope.ReceivedAt + _settings.Current.Delivery.MaxAge;
        if (now >= expires)
        {
            ApplyUniform(item, new SmtpReply(451, "4.4.5", reason), AttemptInfo.None with { Site = item.Site });
            return;
        }
        item.LastResponse = reason;
        item.Queue.LastResponse = reason;
        item.Due = until < expires ? until : expires;
        Schedule(item);
    }

    /// <summary>RFC 5321 §4.5.4.1: give up after max_age; the DSN says 4.4.7 with the last response.</summary>
    private void Expire(QueueItem item, List<int> pending, SmtpReply lastResponse)
    {
        var message = item.Message;
        var now = _time.GetUtcNow();
        var failures = new List<DsnRecipientStatus>();
        var expired = new SmtpReply(lastResponse.Code >= 400 ? lastResponse.Code : 451, new EnhancedStatusCode(4, 4, 7),
            [$"Message expired after {(now - message.Envelope.ReceivedAt).TotalHours:0.##} hours; last response: {lastResponse}"]);
        lock (message.Sync)
        {
            foreach (var index in pending)
            {
                var recipient = message.Envelope.Recipients[index];
                message.Done[index] = true;
                _events.Write(NewEvent(MtaEventType.Expiration, message, recipient.Address) with
                {
                    Queue = item.Queue.Name, Site = item.Site, Response = lastResponse.ToString(), Code = lastResponse.Code,
                    EnhancedCode = lastResponse.Enhanced?.ToString(), Attempt = item.Attempts,
                    Category = BounceCategory.MessageExpired, Hard = false,
                });
                failures.Add(new DsnRecipientStatus(recipient, expired, null, now));
            }
        }
        SendDsn(message, failures, DsnKind.Failure);
        FinishItem(item);
    }

    private void FinishItem(QueueItem item)
    {
        var message = item.Message;
        lock (_queuesLock)
        {
            item.State = QueueItemState.Done;
            var queue = item.Queue;
            queue.Items.Remove(item);
            if (queue.Items.Count == 0 && !queue.Suspended) _scheduled.Remove(ScheduledQueue.KeyOf(queue.Tenant, queue.Campaign, queue.Domain));
        }
        lock (message.Sync)
        {
            if (--message.OpenItems == 0 && !message.Removed)
            {
                // Enqueued under the lock so a concurrent relocation can never land after the Remove record.
                message.Removed = true;
                _messages.TryRemove(message.Id.Value, out _);
                _ = ObserveAsync(_spool.RemoveAsync(message.Id), message.Id);
                return;
            }
        }
        PersistProgress(message, message.NextAttempt, item.LastResponse);
    }

    /// <summary>Snapshot and enqueue under the message lock, so progress records reach the log in state order.</summary>
    private void PersistProgress(QueuedMessage message, DateTimeOffset nextAttempt, string? lastResponse)
    {
        lock (message.Sync)
        {
            if (message.Removed) return;
            message.NextAttempt = nextAttempt;
            message.LastResponse = lastResponse;
            _ = ObserveAsync(_spool.SaveProgressAsync(message.Id, message.Snapshot(nextAttempt, lastResponse)), message.Id);
        }
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

    private async Task InjectDsnAsync(MessageEnvelope envelope, byte[] bytes, Spool.SpoolId original)
    {
        var reply = await AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), CancellationToken.None).ConfigureAwait(false);
        if (!reply.IsPositive) QueueLog.DsnNotQueued(_logger, original.ToString(), reply.ToString());
    }

    private MtaEvent AttemptEvent(MtaEventType type, QueueItem item, string recipient, SmtpReply reply, AttemptInfo info, int attempt) =>
        NewEvent(type, item.Message, recipient) with
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
        };
}
