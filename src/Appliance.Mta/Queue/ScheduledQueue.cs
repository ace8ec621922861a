namespace Appliance.Mta.Queue;

/// <summary>A scheduled queue (KumoMTA): one per tenant, campaign and destination domain.</summary>
public sealed class ScheduledQueue(string tenant, string? campaign, string domain)
{
    /// <summary>The tenant id of every item in the queue.</summary>
    public string Tenant { get; } = tenant;
    /// <summary>The campaign (X-Campaign header), null for mail without one.</summary>
    public string? Campaign { get; } = campaign;
    /// <summary>The destination domain.</summary>
    public string Domain { get; } = domain;

    /// <summary>"campaign:tenant@domain", or "tenant@domain" without a campaign.</summary>
    public string Name { get; } = campaign is null ? $"{tenant}@{domain}" : $"{campaign}:{tenant}@{domain}";

    /// <summary>The items of the queue not yet finished; read and changed only under the store's lock.</summary>
    public HashSet<QueueItem> Items { get; } = [];
    /// <summary>
    /// True while an administrator holds the queue: its items stay queued and are not handed to delivery.
    /// </summary>
    public bool Suspended { get; set; }
    /// <summary>The last reply received for any item of the queue; null before the first attempt.</summary>
    public string? LastResponse { get; set; }

    /// <summary>
    /// The queue's read model, told of every state change of the queue's items; null for a queue no read model counts.
    /// Held here once rather than in each item.
    /// </summary>
    public QueueCounters? Counters { get; init; }

    /// <summary>
    /// The dictionary key of a queue: campaign, tenant and domain joined by U+0001 (a character none of them can
    /// contain).
    /// </summary>
    public static string KeyOf(string tenant, string? campaign, string domain) => $"{campaign}\u0001{tenant}\u0001{domain}";
}
