namespace Appliance.Mta.Admin;

/// <summary>The state a scheduled queue list can be filtered by.</summary>
public enum ScheduledQueueState
{
    /// <summary>Every queue.</summary>
    Any,
    /// <summary>Not suspended.</summary>
    Active,
    /// <summary>Suspended by an administrator.</summary>
    Suspended,
}
