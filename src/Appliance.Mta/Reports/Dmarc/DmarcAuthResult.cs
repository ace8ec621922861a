namespace Appliance.Mta.Reports.Dmarc;

/// <summary>One raw authentication result of a record (RFC 7489 Appendix C auth_results: dkim or spf).</summary>
/// <param name="Domain">d= of the DKIM signature, or the SPF-checked domain.</param>
/// <param name="Selector">DKIM selector (s=); null for SPF.</param>
/// <param name="Scope">SPF scope (mfrom or helo); null for DKIM.</param>
/// <param name="Result">Lower-case result word (pass, fail, none, neutral, temperror, permerror, softfail, policy).</param>
public sealed record DmarcAuthResult(string Domain, string? Selector, string? Scope, string Result);
