namespace Appliance.Mta.Admin;

/// <summary>The column a scheduled queue list is sorted by.</summary>
public enum ScheduledQueueSort
{
    Name,
    Tenant,
    Domain,
    Messages,
    Recipients,
    Oldest,
    NextAttempt,
}
