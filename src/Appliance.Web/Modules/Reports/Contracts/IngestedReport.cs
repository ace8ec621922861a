namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>One report found in an ingested document.</summary>
/// <param name="Kind">dmarcAggregate, tlsRpt or dmarcFailure.</param>
/// <param name="Status">stored, or duplicate (same kind, org and report id already stored: ignored).</param>
public sealed record IngestedReport(string Kind, string Status, string OrgName, string ReportId, string Domain, int Records, long Messages, IReadOnlyList<string> Problems);
