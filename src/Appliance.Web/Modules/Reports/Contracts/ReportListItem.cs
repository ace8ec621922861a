namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>A stored report in lists (newest first), with the problems the parser recorded.</summary>
public sealed record ReportListItem(
    long Id, string Kind, string OrgName, string ReportId, string Domain, DateTimeOffset Begin, DateTimeOffset End, DateTimeOffset ReceivedAt,
    string Channel, string Source, int Records, long Messages, long Failures, IReadOnlyList<string> Problems, bool HasRaw);
