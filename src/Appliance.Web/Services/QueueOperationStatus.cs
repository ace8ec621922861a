namespace Appliance.Web.Services;

/// <summary>How a <see cref="QueueOperationCommand"/> ended.</summary>
public enum QueueOperationStatus
{
    /// <summary>Ran (or, for a dry run, counted).</summary>
    Done,
    /// <summary>Refused before anything changed: see the field errors.</summary>
    Invalid,
    /// <summary>The caller may not act on that tenant or on a shared site.</summary>
    Forbidden,
    /// <summary>The engine is not running in this process.</summary>
    Unavailable,
}
