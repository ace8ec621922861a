namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>A document that could not be ingested (or ingested with problems), shown in the UI.</summary>
public sealed class IngestionLogEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public ReportChannel Channel { get; set; }
    public string Source { get; set; } = "";
    public string Message { get; set; } = "";
}
