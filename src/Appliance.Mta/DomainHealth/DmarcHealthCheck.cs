using Appliance.Mta.Dns;
using Appliance.Mta.Dns.Dmarc;

namespace Appliance.Mta.DomainHealth;

/// <summary>"dmarc": the policy record (RFC 7489 §6.1, §6.6.3 org-domain fallback) and SPF alignment of the return path.</summary>
internal static class DmarcHealthCheck
{
    public static async Task<DnsCheckResult> RunAsync(IDnsResolver dns, string domain, string returnPathDomain, CancellationToken ct)
    {
        var name = "_dmarc." + domain;
        var fix = new DnsRecordToPublish("TXT", name, $"v=DMARC1; p=none; rua=mailto:dmarc-reports@{domain}", "DMARC");
        var answer = await dns.ResolveTxtAsync(name, ct).ConfigureAwait(false);
        var org = OrganizationalDomain.Of(domain);
        var from = name;
        if (answer.Records.Count == 0 && !answer.IsTransient && org != domain)
        {
            from = "_dmarc." + org;
            answer = await dns.ResolveTxtAsync(from, ct).ConfigureAwait(false);
        }
        if (answer.IsTransient) return new("dmarc", DnsCheckStatus.Warn, $"TXT lookup of {from} failed temporarily ({answer.Status}).", null);
        var records = answer.Records.Where(DmarcRecordParser.IsDmarcRecord).ToList();
        if (records.Count == 0) return new("dmarc", DnsCheckStatus.Fail, $"No DMARC record at {name}.", fix);
        if (records.Count > 1) return new("dmarc", DnsCheckStatus.Fail, $"{from} publishes {records.Count} DMARC records; receivers ignore them all (RFC 7489 §6.6.3).", fix);
        var parsed = DmarcRecordParser.Parse(records[0]);
        if (parsed.Record is not { } dmarc)
            return new("dmarc", DnsCheckStatus.Fail, $"The DMARC record at {from} is invalid: {string.Join("; ", parsed.Errors)}.", fix);
        var notes = new List<string> { $"policy p={dmarc.Policy.ToString().ToLowerInvariant()}, pct={dmarc.Percent}, adkim={Mode(dmarc.DkimAlignment)}, aspf={Mode(dmarc.SpfAlignment)}" };
        var warn = false;
        if (!OrganizationalDomain.AreAligned(returnPathDomain, domain, dmarc.SpfAlignment))
        {
            warn = true;
            notes.Add($"the return path {returnPathDomain} is not SPF-aligned with {domain} (aspf={Mode(dmarc.SpfAlignment)}): DMARC relies on DKIM alone"
                + (dmarc.SpfAlignment == DmarcAlignmentMode.Strict ? "; use aspf=r or a return path under the same organisational domain" : "; use a return path under " + OrganizationalDomain.Of(domain)));
        }
        if (dmarc.Policy == DmarcPolicy.None) { warn = true; notes.Add("p=none only monitors; move to quarantine or reject once reports are clean"); }
        if (dmarc.Percent < 100) { warn = true; notes.Add($"pct={dmarc.Percent} applies the policy to part of the mail only"); }
        if (dmarc.AggregateReportUris.Count == 0) { warn = true; notes.Add("no rua= address: you get no aggregate reports"); }
        notes.AddRange(parsed.Warnings);
        return new("dmarc", warn ? DnsCheckStatus.Warn : DnsCheckStatus.Pass, string.Join("; ", notes) + ".", null);
    }

    private static string Mode(DmarcAlignmentMode mode) => mode == DmarcAlignmentMode.Strict ? "s" : "r";
}
