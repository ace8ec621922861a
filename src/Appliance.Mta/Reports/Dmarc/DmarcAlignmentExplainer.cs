using Appliance.Mta.Dns.Dmarc;

namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// Why a record failed DMARC, in words an admin can act on: for DKIM and SPF each, whether there was no result, a
/// failing result, or a pass for a domain not aligned with the From: domain (RFC 7489 §3.1, relaxed unless the
/// policy says strict), plus the receiver's override reasons. Empty for a record that passed.
/// </summary>
public static class DmarcAlignmentExplainer
{
    /// <summary>
    /// The reasons <paramref name="record"/> failed DMARC under <paramref name="policy"/> (adkim/aspf decide strict or
    /// relaxed alignment), one sentence per identifier and override; empty when it passed.
    /// </summary>
    public static IReadOnlyList<string> Explain(DmarcRecord record, DmarcPolicyPublished policy)
    {
        if (record.DmarcPass) return [];
        var from = record.HeaderFrom ?? policy.Domain;
        var reasons = new List<string>();
        var dkimMode = policy.Adkim == "s" ? DmarcAlignmentMode.Strict : DmarcAlignmentMode.Relaxed;
        var spfMode = policy.Aspf == "s" ? DmarcAlignmentMode.Strict : DmarcAlignmentMode.Relaxed;
        if (record.DkimResults.Count == 0) reasons.Add("DKIM: no signature");
        else if (record.DkimResults.FirstOrDefault(d => d.Result == "pass") is { } passed)
            reasons.Add(Aligned(passed.Domain, from, dkimMode)
                ? $"DKIM: d={passed.Domain} passed but the receiver did not count it as aligned"
                : $"DKIM: d={passed.Domain} passed but is not aligned with {from}");
        else reasons.Add("DKIM: " + string.Join(", ", record.DkimResults.Select(d => $"d={d.Domain} {d.Result}")));
        var spf = record.SpfResults.FirstOrDefault(s => s.Scope is null or "mfrom") ?? record.SpfResults.FirstOrDefault();
        if (spf is null) reasons.Add("SPF: no result");
        else if (spf.Result == "pass")
            reasons.Add(Aligned(spf.Domain, from, spfMode)
                ? $"SPF: {spf.Domain} passed but the receiver did not count it as aligned"
                : $"SPF: {spf.Domain} passed but is not aligned with {from}");
        else reasons.Add($"SPF: {(spf.Domain.Length > 0 ? spf.Domain : "(no domain)")} {spf.Result}");
        reasons.AddRange(record.Reasons.Select(r => r.Comment is { Length: > 0 } c ? $"override: {r.Type} ({c})" : $"override: {r.Type}"));
        return reasons;
    }

    private static bool Aligned(string domain, string from, DmarcAlignmentMode mode) =>
        domain.Length > 0 && from.Length > 0 && OrganizationalDomain.AreAligned(domain, from, mode);
}
