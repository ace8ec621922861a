namespace Appliance.Mta.Admin;

/// <summary>A scheduled queue: (tenant, campaign, destination domain).</summary>
public sealed record ScheduledQueueInfo(string Name, string Tenant, string? Campaign, string Domain, int Messages, int Recipients, DateTimeOffset? Oldest, DateTimeOffset? NextAttempt, bool Suspended, string? LastResponse);
