namespace Appliance.Mta.Reports;

/// <summary>
/// A whole document could not be read as a report (empty, not XML/JSON, no report metadata, an archive over the
/// limits). Problems with single records are not exceptions: they are listed on the report.
/// </summary>
public sealed class ReportFormatException(string message, Exception? inner = null) : Exception(message, inner);
