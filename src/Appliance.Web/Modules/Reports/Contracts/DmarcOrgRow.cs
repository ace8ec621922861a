namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Totals by reporting organisation.</summary>
public sealed record DmarcOrgRow(string OrgName, int Reports, long Messages, long DmarcPass);
