namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>Where an attachment's warmup stands.</summary>
public enum WarmupState
{
    /// <summary>Following the plan; the plan day advances once per UTC day.</summary>
    Active,

    /// <summary>Paused by the automatic hold (or an admin) for the rest of the UTC day; nothing more is sent.</summary>
    Held,

    /// <summary>The plan reached a "full" step or its end: no cap any more.</summary>
    Completed,
}
