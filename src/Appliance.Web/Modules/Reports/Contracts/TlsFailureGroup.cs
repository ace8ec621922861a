namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Failed sessions of one result type at one receiving MX, with the days they were reported.</summary>
public sealed record TlsFailureGroup(string ResultType, string ReceivingMx, long Sessions, string FirstDay, string LastDay, IReadOnlyList<string> Orgs);
