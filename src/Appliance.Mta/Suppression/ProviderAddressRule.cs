namespace Appliance.Mta.Suppression;

/// <summary>
/// A mailbox provider's documented address equivalences: dots in the local part are ignored, a "+tag" suffix is
/// ignored, and alias domains map to one canonical domain.
/// </summary>
public sealed record ProviderAddressRule(IReadOnlyList<string> Domains, string CanonicalDomain, bool IgnoreDots, char? TagSeparator, string Source);
