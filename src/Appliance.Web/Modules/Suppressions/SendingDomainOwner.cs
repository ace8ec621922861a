namespace Appliance.Web.Modules.Suppressions;

/// <summary>A sending domain (lower-case A-label) and the tenant that owns it, as the return-path rules see it.</summary>
public sealed record SendingDomainOwner(string Domain, string TenantId);
