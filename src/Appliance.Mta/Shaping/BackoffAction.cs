namespace Appliance.Mta.Shaping;

/// <summary>What a triggered backoff rule does until it expires (KumoMTA shaping automation, PowerMTA backoff mode).</summary>
public enum BackoffAction
{
    /// <summary>Stop sending; queued mail waits (no attempt is counted) until the backoff ends.</summary>
    Suspend,

    /// <summary>Lower the message rate to the rule's rate.</summary>
    Throttle,

    /// <summary>Fail queued and new mail permanently with the triggering response (for a destination that will not accept it).</summary>
    Bounce,
}
