namespace Appliance.Mta.Dkim;

/// <summary>The signatures to add for one domain: one key, or two for dual signing (RSA and Ed25519, RFC 8463 §3).</summary>
public sealed record DkimSigningPlan(string Domain, IReadOnlyList<DkimSigningKey> Keys);
