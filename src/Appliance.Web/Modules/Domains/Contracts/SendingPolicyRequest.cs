namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>PUT /api/v1/tenants/{id}/sending-policy: "reject", "signOwnOnly" or "off".</summary>
public sealed record SendingPolicyRequest(string? Enforcement);
