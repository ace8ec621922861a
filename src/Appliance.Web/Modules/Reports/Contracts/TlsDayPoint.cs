namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>TLS sessions reported for one UTC day, failures by result type.</summary>
public sealed record TlsDayPoint(string Day, long Successful, long Failed, IReadOnlyDictionary<string, long> FailuresByType);
