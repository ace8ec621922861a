namespace Appliance.Mta.Dkim;

/// <summary>
/// What the host tells the signer (contract between the engine's DKIM signer and the host's domains module).
/// Answers from memory: it is asked once per accepted message.
/// </summary>
public interface IDkimKeyProvider
{
    /// <summary>The keys to sign with for a From: domain the tenant owns; null when the tenant does not own it
    /// (or it has no active key).</summary>
    DkimSigningPlan? Find(string tenantId, string fromDomain);

    /// <summary>
    /// False when the tenant owns no sending domain with an active key, so no From: domain of its messages can be
    /// signed: the signer then skips parsing the message unless the tenant's <see cref="EnforcementFor"/> is
    /// <see cref="FromDomainEnforcement.Reject"/>. A provider that cannot tell keeps this default (true).
    /// </summary>
    bool HasKeysFor(string tenantId) => true;

    /// <summary>How strictly the tenant is held to its own From: domains.</summary>
    FromDomainEnforcement EnforcementFor(string tenantId);

    /// <summary>
    /// Completes once the provider can answer <see cref="Find"/> from memory (a host that loads its keys at start
    /// completes it after that load). The signer awaits it instead of blocking; a provider that is always ready
    /// keeps this default.
    /// </summary>
    ValueTask WhenReadyAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
