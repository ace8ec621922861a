namespace Appliance.Mta.Dns.Spf;

/// <summary>A parsed "v=spf1" record: the mechanisms in order and the redirect=/exp= modifiers (RFC 7208 §4.6, §6).</summary>
public sealed record SpfRecord(IReadOnlyList<SpfTerm> Terms, string? Redirect, string? Exp);
