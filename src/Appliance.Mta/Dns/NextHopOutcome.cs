namespace Appliance.Mta.Dns;

/// <summary>Whether a destination could be resolved to hosts to try.</summary>
public enum NextHopOutcome
{
    /// <summary>Hosts to try were found (<see cref="NextHopPlan.Hosts"/> is not empty).</summary>
    Ok = 0,
    /// <summary>Bounce now: NXDOMAIN, null MX, no MX and no address.</summary>
    PermanentFailure = 1,
    /// <summary>Retry later: SERVFAIL, timeout, no MX host resolves.</summary>
    TransientFailure = 2,
}
