using Appliance.Mta.Dkim;

namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>A tenant's From-domain enforcement; tenants without a row use <see cref="FromDomainEnforcement.SignOwnOnly"/>.</summary>
public sealed class TenantSendingPolicy
{
    public required string TenantId { get; set; }

    public FromDomainEnforcement Enforcement { get; set; } = FromDomainEnforcement.SignOwnOnly;
}
