namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>An ingestion error (or a report stored with problems), newest first.</summary>
public sealed record IngestionLogItem(DateTimeOffset At, string Channel, string Source, string Message);
