using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;

namespace Appliance.Mta.DomainHealth;

/// <summary>"mta-sts" (RFC 8461), "tls-rpt" (RFC 8460 §3) and "bimi" record checks of the receiving side.</summary>
internal static class ReceivingRecordChecks
{
    public static async Task<DnsCheckResult> MtaStsAsync(IDnsResolver dns, IMtaStsPolicySource policies, string domain, DateTimeOffset now, CancellationToken ct)
    {
        var name = "_mta-sts." + domain;
        var fix = new DnsRecordToPublish("TXT", name, "v=STSv1; id=" + now.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), "MTA-STS (with a policy at https://mta-sts." + domain + "/.well-known/mta-sts.txt)");
        var txt = await dns.ResolveTxtAsync(name, ct).ConfigureAwait(false);
        if (txt.IsTransient) return new("mta-sts", DnsCheckStatus.Warn, $"TXT lookup of {name} failed temporarily ({txt.Status}).", null);
        var candidates = txt.Records.Where(r => r.StartsWith("v=STSv1", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0) return new("mta-sts", DnsCheckStatus.Warn, $"No MTA-STS record at {name}: senders cannot require TLS to {domain}.", fix);
        if (candidates.Count > 1) return new("mta-sts", DnsCheckStatus.Fail, $"{name} has {candidates.Count} STSv1 records; senders ignore them (RFC 8461 §3.1).", fix);
        if (MtaStsTxtRecord.TryParse(candidates[0]) is null) return new("mta-sts", DnsCheckStatus.Fail, $"The record at {name} is invalid (need v=STSv1; id=<1-32 letters/digits>).", fix);
        var fetched = await policies.FetchAsync(domain, ct).ConfigureAwait(false);
        if (fetched.Policy is not { } policy) return new("mta-sts", DnsCheckStatus.Fail, $"The MTA-STS policy of {domain} cannot be used: {fetched.Error} ({fetched.ResultType}).", null);
        if (policy.Mode == MtaStsMode.None) return new("mta-sts", DnsCheckStatus.Warn, "The MTA-STS policy has mode none (withdrawn).", null);
        var mx = await dns.ResolveMxAsync(domain, ct).ConfigureAwait(false);
        var unmatched = mx.Records.Where(r => !policy.MatchesMx(r.Exchange)).Select(r => r.Exchange).ToList();
        if (unmatched.Count > 0)
            return new("mta-sts", DnsCheckStatus.Fail, $"MX hosts {string.Join(", ", unmatched)} are not covered by the policy's mx patterns ({string.Join(", ", policy.MxPatterns)}).", null);
        return policy.Mode == MtaStsMode.Testing
            ? new("mta-sts", DnsCheckStatus.Warn, "The MTA-STS policy is valid and in testing mode; switch to enforce once TLS reports are clean.", null)
            : new("mta-sts", DnsCheckStatus.Pass, $"MTA-STS enforce policy covering {string.Join(", ", policy.MxPatterns)}, max_age {policy.MaxAge.TotalSeconds:0} s.", null);
    }

    public static async Task<DnsCheckResult> TlsRptAsync(IDnsResolver dns, string domain, CancellationToken ct)
    {
        var name = "_smtp._tls." + domain;
        var fix = new DnsRecordToPublish("TXT", name, $"v=TLSRPTv1; rua=mailto:tls-reports@{domain}", "TLS-RPT");
        var txt = await dns.ResolveTxtAsync(name, ct).ConfigureAwait(false);
        if (txt.IsTransient) return new("tls-rpt", DnsCheckStatus.Warn, $"TXT lookup of {name} failed temporarily ({txt.Status}).", null);
        var records = txt.Records.Where(r => r.StartsWith("v=TLSRPTv1", StringComparison.Ordinal)).ToList();
        if (records.Count == 0) return new("tls-rpt", DnsCheckStatus.Warn, $"No TLS-RPT record at {name}: you get no TLS failure reports.", fix);
        if (records.Count > 1) return new("tls-rpt", DnsCheckStatus.Fail, $"{name} has {records.Count} TLSRPTv1 records (RFC 8460 §3: exactly one).", fix);
        var error = TlsRptSyntaxError(records[0]);
        return error is null
            ? new("tls-rpt", DnsCheckStatus.Pass, "The TLS-RPT record is valid.", null)
            : new("tls-rpt", DnsCheckStatus.Fail, $"The TLS-RPT record is invalid: {error}.", fix);
    }

    /// <summary>RFC 8460 §3: "v=TLSRPTv1" first, then rua= with comma-separated mailto: or https: URIs.</summary>
    internal static string? TlsRptSyntaxError(string record)
    {
        var fields = record.Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (fields.Count == 0 || fields[0] != "v=TLSRPTv1") return "it must start with v=TLSRPTv1";
        var rua = fields.FirstOrDefault(f => f.StartsWith("rua=", StringComparison.Ordinal));
        if (rua is null) return "rua= is missing";
        foreach (var uri in rua[4..].Split(','))
        {
            if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeMailto && u.Scheme != Uri.UriSchemeHttps))
                return $"'{uri.Trim()}' is not a mailto: or https: URI";
        }
        return null;
    }

    public static async Task<DnsCheckResult> BimiAsync(IDnsResolver dns, string domain, CancellationToken ct)
    {
        var name = "default._bimi." + domain;
        var txt = await dns.ResolveTxtAsync(name, ct).ConfigureAwait(false);
        if (txt.IsTransient) return new("bimi", DnsCheckStatus.Warn, $"TXT lookup of {name} failed temporarily ({txt.Status}).", null);
        var records = txt.Records.Where(r => r.StartsWith("v=BIMI1", StringComparison.Ordinal)).ToList();
        if (records.Count == 0) return new("bimi", DnsCheckStatus.Pass, $"No BIMI record at {name} (optional).", null);
        var error = records.Count > 1 ? "more than one v=BIMI1 record" : BimiSyntaxError(records[0]);
        return error is null
            ? new("bimi", DnsCheckStatus.Pass, "The BIMI record is valid.", null)
            : new("bimi", DnsCheckStatus.Fail, $"The BIMI record is invalid: {error}.", new DnsRecordToPublish("TXT", name, "v=BIMI1; l=https://" + domain + "/logo.svg; a=", "BIMI"));
    }

    /// <summary>BIMI: "v=BIMI1" first; l= (logo) and a= (VMC) are empty or https: URLs.</summary>
    internal static string? BimiSyntaxError(string record)
    {
        var fields = record.Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (fields[0] != "v=BIMI1") return "it must start with v=BIMI1";
        if (!fields.Any(f => f.StartsWith("l=", StringComparison.Ordinal))) return "l= (logo URL) is missing";
        foreach (var f in fields.Where(f => f.StartsWith("l=", StringComparison.Ordinal) || f.StartsWith("a=", StringComparison.Ordinal)))
        {
            var value = f[2..].Trim();
            if (value.Length == 0) continue;
            foreach (var url in value.Split(','))
            {
                if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttps) return $"'{url.Trim()}' in {f[..1]}= is not an https: URL";
            }
        }
        return null;
    }
}
