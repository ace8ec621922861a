using System.Buffers;
using Appliance.Mta.Events;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Queue;

/// <summary>
/// Draining a node (issue 19): the queue's side of handing queued messages to another node. The host suspends
/// delivery (<see cref="SuspendAll"/>), claims the messages none of whose items is in flight (<see cref="Claim"/>),
/// sends each to a peer and then either completes it (<see cref="Complete"/>: the recipients the peer accepted are
/// finished and, with the last one, the message leaves the spool, so nothing leaves before the peer's 250) or gives it
/// back (<see cref="Release"/>). It speaks no SMTP; the conversation is the host's.
/// </summary>
public sealed class QueueHandover(QueueStore store, QueueScheduler scheduler, ISpool spool, IEventSink events, TimeProvider time)
{
    /// <summary>Messages in the queue now (the drain is done at zero).</summary>
    public int Queued => store.Count;

    /// <summary>
    /// Suspends every scheduled queue so that the scheduler hands no item to delivery any more; returns the queues
    /// suspended by this call (for <see cref="ResumeAll"/>). Items already in delivery finish there.
    /// </summary>
    public IReadOnlyList<ScheduledQueue> SuspendAll()
    {
        lock (store.Sync)
        {
            var suspended = store.ScheduledQueues.Where(q => !q.Suspended).ToList();
            foreach (var q in suspended) q.Suspended = true;
            return suspended;
        }
    }

    /// <summary>Resumes <paramref name="queues"/> (a drain ended early): their waiting items are scheduled again.</summary>
    public void ResumeAll(IEnumerable<ScheduledQueue> queues)
    {
        var items = new List<QueueItem>();
        lock (store.Sync)
        {
            foreach (var q in queues)
            {
                q.Suspended = false;
                items.AddRange(q.Items.Where(i => i.State == QueueItemState.Scheduled && i.Cancel == CancelAction.None));
            }
        }
        foreach (var item in items) scheduler.Schedule(item);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> messages whose open items all wait in their scheduled queues (none being
    /// resolved or sent): their items leave the scheduler (a stale timer entry is ignored, as for an admin removal).
    /// </summary>
    public IReadOnlyList<HandoverClaim> Claim(int max)
    {
        var claims = new List<HandoverClaim>();
        lock (store.Sync)
        {
            var byMessage = store.ScheduledQueues.SelectMany(q => q.Items)
                .Where(i => i.State == QueueItemState.Scheduled && i.Cancel == CancelAction.None)
                .GroupBy(i => i.Message);
            foreach (var group in byMessage)
            {
                if (claims.Count >= max) break;
                var message = group.Key;
                var items = group.ToList();
                lock (message.Sync)
                {
                    if (message.Removed || message.OpenItems != items.Count) continue; // an item is in delivery
                }
                foreach (var item in items) item.State = QueueItemState.Ready;
                claims.Add(new HandoverClaim(message, items, [.. items.SelectMany(i => i.Recipients).Distinct().Order()]));
            }
        }
        return claims;
    }

    /// <summary>The claimed message's bytes as spooled, in a pooled buffer the caller disposes.</summary>
    public IMemoryOwner<byte> ReadContent(HandoverClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return spool.ReadContent(claim.Message.Location);
    }

    /// <summary>
    /// The peer <paramref name="peer"/> accepted the recipients <paramref name="accepted"/> (indices into the message's
    /// recipients): they are finished; an item left without recipients is finished (the last one removes the message
    /// from the spool); the others wait again, suspended. One AdminAction event records the hand-over.
    /// </summary>
    public void Complete(HandoverClaim claim, IReadOnlySet<int> accepted, string peer)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(accepted);
        var message = claim.Message;
        lock (message.Sync)
        {
            foreach (var index in accepted) message.Done[index] = true;
        }
        var env = message.Envelope;
        events.Write(new MtaEvent
        {
            Type = MtaEventType.AdminAction,
            Timestamp = time.GetUtcNow(),
            MessageId = message.Id.ToString(),
            MessageIdHeader = env.MessageIdHeader,
            Tenant = env.TenantId,
            Sender = env.MailFrom,
            Recipient = string.Join(",", accepted.Order().Select(i => env.Recipients[i].Address)),
            RemoteHost = peer,
            Detail = $"handover to node {peer}: {accepted.Count} of {claim.RecipientIndices.Count} recipients",
        });
        var back = new List<QueueItem>();
        foreach (var item in claim.Items)
        {
            var remaining = item.Recipients.Where(r => !accepted.Contains(r)).ToArray();
            if (remaining.Length == 0)
            {
                store.Finish(item);
                continue;
            }
            item.Recipients = remaining;
            back.Add(item);
        }
        if (back.Count > 0) ReleaseItems(back);
    }

    /// <summary>The hand-over failed: the claimed items wait in their (suspended) queues again.</summary>
    public void Release(HandoverClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ReleaseItems(claim.Items);
    }

    private void ReleaseItems(IEnumerable<QueueItem> items)
    {
        foreach (var item in items)
        {
            lock (store.Sync) item.State = QueueItemState.Scheduled;
            scheduler.Schedule(item);
        }
    }
}
