namespace Appliance.Mta.Reports.Dmarc;

/// <summary>What the aggregate reports say about one domain under its current policy.</summary>
/// <param name="Policy">The published p= the reports show (none, quarantine, reject).</param>
/// <param name="Pct">The published pct= (RFC 7489 §6.3; 100 when absent).</param>
/// <param name="DaysObserved">Distinct UTC days covered by reports under this policy.</param>
/// <param name="Messages">Messages reported under this policy.</param>
/// <param name="Aligned">Of those, messages that passed DMARC (aligned SPF or DKIM).</param>
public sealed record DmarcPolicyEvidence(string Policy, int Pct, int DaysObserved, long Messages, long Aligned)
{
    /// <summary><see cref="Aligned"/> / <see cref="Messages"/> (0..1); 0 when nothing was reported.</summary>
    public double AlignedRate => Messages == 0 ? 0 : (double)Aligned / Messages;
}
