namespace Appliance.Web.Modules.Domains.Contracts;

public sealed record SendingPolicyResponse(string TenantId, string Enforcement);
