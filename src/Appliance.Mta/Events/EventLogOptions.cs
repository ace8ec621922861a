namespace Appliance.Mta.Events;

/// <summary>
/// How long <see cref="EventLog"/> keeps its hourly files by itself. The host sets it from its own retention budget
/// (so the log's pruning by file age never undercuts the budget its retention job enforces); the engine reads it once,
/// when it creates the log.
/// </summary>
public sealed class EventLogOptions
{
    /// <summary>30 days: the default when no host configures a budget.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    /// <summary>
    /// How long hourly files are kept before the log deletes them (default <see cref="DefaultRetention"/>).
    /// </summary>
    public TimeSpan Retention { get; set; } = DefaultRetention;
}
