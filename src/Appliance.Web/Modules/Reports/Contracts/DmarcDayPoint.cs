namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Messages reported for one UTC day (by report begin) and how many passed aligned SPF, aligned DKIM and DMARC.</summary>
public sealed record DmarcDayPoint(string Day, long Messages, long SpfPass, long DkimPass, long DmarcPass);
