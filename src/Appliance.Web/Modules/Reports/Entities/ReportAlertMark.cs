namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>An alert already raised (key such as "unknown-source:example.com:192.0.2.1"), so each fires once.</summary>
public sealed class ReportAlertMark
{
    public required string Key { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
}
