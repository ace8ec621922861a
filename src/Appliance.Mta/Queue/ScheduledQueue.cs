namespace Appliance.Mta.Queue;

/// <summary>A scheduled queue (KumoMTA): one per tenant, campaign and destination domain.</summary>
public sealed class ScheduledQueue(string tenant, string? campaign, string domain)
{
    public string Tenant { get; } = tenant;
    public string? Campaign { get; } = campaign;
    public string Domain { get; } = domain;

    /// <summary>"campaign:tenant@domain", or "tenant@domain" without a campaign.</summary>
    public string Name { get; } = campaign is null ? $"{tenant}@{domain}" : $"{campaign}:{tenant}@{domain}";

    public HashSet<QueueItem> Items { get; } = [];
    public bool Suspended { get; set; }
    public string? LastResponse { get; set; }

    public static string KeyOf(string tenant, string? campaign, string domain) => $"{campaign}\u0001{tenant}\u0001{domain}";
}
