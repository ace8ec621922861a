namespace Appliance.Mta.Admin;

/// <summary>
/// The queue's live counters as kept by the engine at every item transition (no walk over queued items): messages and
/// recipients queued, items per state, deferred items (waiting for a retry), scheduled queues, and messages per tenant.
/// </summary>
/// <param name="Messages">Messages with at least one unfinished item.</param>
/// <param name="Recipients">Recipients not yet delivered, bounced or expired.</param>
/// <param name="Items">Unfinished items (one message's recipients at one destination domain).</param>
/// <param name="Scheduled">Items waiting in their scheduled queue for their due time.</param>
/// <param name="Ready">Items due now: being resolved or waiting in a ready queue.</param>
/// <param name="InFlight">Items a connection is sending.</param>
/// <param name="Deferred">Scheduled items that have had at least one attempt (waiting for a retry).</param>
/// <param name="ScheduledQueues">Scheduled queues with items or suspended.</param>
/// <param name="SuspendedQueues">Scheduled queues an administrator suspended.</param>
/// <param name="MessagesByTenant">Messages per tenant.</param>
public sealed record QueueCountersSnapshot(
    int Messages, int Recipients, int Items, int Scheduled, int Ready, int InFlight, int Deferred,
    int ScheduledQueues, int SuspendedQueues, IReadOnlyDictionary<string, int> MessagesByTenant)
{
    /// <summary>
    /// All counters zero and no tenants: the state of an empty queue and the base that summary-backed implementations
    /// fill in.
    /// </summary>
    public static readonly QueueCountersSnapshot Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>());
}
