namespace Appliance.Web.Modules.Domains;

/// <summary>A sending domain, its tenant and its return-path domain.</summary>
public sealed record ReturnPathDomain(string Domain, string TenantId, string ReturnPath);
