using Appliance.Mta.Reports.Dmarc;
using Appliance.Mta.Reports.Forensic;
using Appliance.Mta.Reports.Tls;

namespace Appliance.Mta.Reports;

/// <summary>Everything found in one uploaded file or mail: the reports, and the documents that could not be read.</summary>
public sealed record ReportReadResult(
    IReadOnlyList<DmarcAggregateReport> Aggregates,
    IReadOnlyList<TlsReport> TlsReports,
    IReadOnlyList<DmarcFailureReport> FailureReports,
    IReadOnlyList<string> Errors)
{
    /// <summary>True when no report of any kind was found (<see cref="Errors"/> then says why).</summary>
    public bool IsEmpty => Aggregates.Count == 0 && TlsReports.Count == 0 && FailureReports.Count == 0;
}
