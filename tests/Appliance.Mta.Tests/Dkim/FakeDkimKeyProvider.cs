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

    public bool HasKeysFor(string tenantId) => Plans.Keys.Any(k => k.Tenant == tenantId && Plans[k].Keys.Count > 0);

    /// <summary>Set to hold the signer until the test completes it (a host still loading its keys).</summary>
    public TaskCompletionSource? Loading { get; set; }

    public ValueTask WhenReadyAsync(CancellationToken cancellationToken) =>
        Loading is { } loading ? new ValueTask(loading.Task.WaitAsync(cancellationToken)) : ValueTask.CompletedTask;
}
