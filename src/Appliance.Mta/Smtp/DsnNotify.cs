namespace Appliance.Mta.Smtp;

/// <summary>RFC 3461 §4.1 NOTIFY parameter. <see cref="Default"/> means the parameter was absent.</summary>
[Flags]
public enum DsnNotify
{
    /// <summary>No NOTIFY parameter: the engine treats it as FAILURE (RFC 3461 §4.1).</summary>
    Default = 0,
    /// <summary>NOTIFY=NEVER: no DSN of any kind; never combined with the other values.</summary>
    Never = 1,
    /// <summary>NOTIFY=SUCCESS: the sender asks to hear of delivery; passed on to a next hop that offers DSN (the
    /// engine itself sends failure and delay DSNs only).</summary>
    Success = 2,
    /// <summary>NOTIFY=FAILURE: a DSN when delivery fails permanently or the message expires.</summary>
    Failure = 4,
    /// <summary>NOTIFY=DELAY: a delay warning while the recipient waits in the queue.</summary>
    Delay = 8,
}
