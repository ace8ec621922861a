using Appliance.Mta.Dkim;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>A key provider from a dictionary: (tenant, domain) -> plan; records every domain asked for.</summary>
internal sealed class FakeDkimKeyProvider(FromDomainEnforcement enforcement) : IDkimKeyProvider
{
    public Dictionary<(string Tenant, string Domain), DkimSigningPlan> Plans { get; } = [];

    public List<string> Asked { get; } = [];

    public DkimSigningPlan? Find(string tenantId, string fromDomain)
    {
        Asked.Add(fromDomain);
        return Plans.GetValueOrDefault((tenantId, fromDomain));
    }

    public FromDomainEnforcement EnforcementFor(string tenantId) => enforcement;
}
