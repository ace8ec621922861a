using Appliance.Mta.Dkim;

namespace Appliance.Mta.Benchmarks;

/// <summary>One tenant owning one domain with one plan, answered from memory as the host's snapshot does.</summary>
internal sealed class BenchDkimKeyProvider(DkimSigningPlan plan) : IDkimKeyProvider
{
    public DkimSigningPlan? Find(string tenantId, string fromDomain) => fromDomain == plan.Domain ? plan : null;

    public FromDomainEnforcement EnforcementFor(string tenantId) => FromDomainEnforcement.SignOwnOnly;
}
