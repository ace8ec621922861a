namespace Appliance.Web.Modules.Suppressions;

/// <summary>A sending domain, its owner, its return-path domain and whether the latest health run found the appliance as that domain's MX.</summary>
public sealed record DomainReturnPathRow(string Domain, string TenantId, string ReturnPath, bool MxPassed);
