namespace Appliance.Web.Modules.EventStore;

/// <summary>Retention budget of the event store (configuration section Appliance:Events).</summary>
public sealed class EventStoreOptions
{
    public const string Section = "Appliance:Events";

    /// <summary>Hourly files whose hour ended more than this many days ago are deleted. 0 disables the age limit.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>The oldest hourly files are deleted while the store holds more bytes than this. 0 disables the byte budget.</summary>
    public long RetentionBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);
}
