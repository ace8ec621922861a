namespace Appliance.Mta.Egress;

/// <summary>What happens to mail picked for a source whose warmup cap for the day is used up.</summary>
public enum WarmupOverflow
{
    /// <summary>Send it from another source of the same pool that still has room (warm sources have no cap).</summary>
    WarmSources,

    /// <summary>Keep it queued until the cap opens again (the next day).</summary>
    Wait,
}
