namespace Appliance.Mta.Reports.Dmarc;

/// <summary>The advisor's answer: what to publish next (or why not yet), with the numbers behind it.</summary>
/// <param name="Kind">advance, hold, wait (not enough data) or done (p=reject at 100%).</param>
/// <param name="NextPolicy">The p= to publish next (null unless advancing).</param>
/// <param name="NextPct">The pct= to publish next (null unless advancing).</param>
/// <param name="Text">One sentence citing the numbers, e.g. "p=none for 30 days, 99.7% aligned ...".</param>
public sealed record DmarcPolicyAdvice(string Kind, string? NextPolicy, int? NextPct, string Text);
