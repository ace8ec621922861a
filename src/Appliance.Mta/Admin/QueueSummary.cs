namespace Appliance.Mta.Admin;

/// <summary>A snapshot of the queues for the admin UI and API.</summary>
public sealed record QueueSummary(IReadOnlyList<ScheduledQueueInfo> Scheduled, IReadOnlyList<ReadyQueueInfo> Ready, IReadOnlyDictionary<string, int> MessagesByTenant, int TotalMessages);
