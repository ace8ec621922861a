namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Totals by source IP; <see cref="Own"/> marks the appliance's own addresses (the rest are unknown senders).</summary>
public sealed record DmarcSourceRow(string Ip, bool Own, long Messages, long SpfPass, long DkimPass, long DmarcPass, IReadOnlyList<string> Orgs);
