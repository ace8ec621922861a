using Appliance.Mta.Dns;

namespace Appliance.Mta.DomainHealth;

/// <summary>"return-path-mx": the bounce domain's MX records point at the appliance, so bounces come back to it.</summary>
internal static class ReturnPathMxCheck
{
    public static async Task<DnsCheckResult> RunAsync(IDnsResolver dns, string returnPathDomain, IReadOnlyList<string> applianceMx, CancellationToken ct)
    {
        var fix = applianceMx.Count > 0 ? new DnsRecordToPublish("MX", returnPathDomain, "10 " + applianceMx[0].TrimEnd('.'), "Return path (bounces)") : null;
        if (applianceMx.Count == 0) return new("return-path-mx", DnsCheckStatus.Warn, "The appliance's MX host names are not configured; cannot check the return path.", null);
        var answer = await dns.ResolveMxAsync(returnPathDomain, ct).ConfigureAwait(false);
        if (answer.IsTransient) return new("return-path-mx", DnsCheckStatus.Warn, $"MX lookup of {returnPathDomain} failed temporarily ({answer.Status}).", null);
        if (answer.Records.Count == 0) return new("return-path-mx", DnsCheckStatus.Fail, $"{returnPathDomain} has no MX record: bounces cannot reach the appliance.", fix);
        var ours = new HashSet<string>(applianceMx.Select(h => h.TrimEnd('.')), StringComparer.OrdinalIgnoreCase);
        var pointing = answer.Records.Where(r => ours.Contains(r.Exchange)).ToList();
        var others = answer.Records.Where(r => !ours.Contains(r.Exchange)).Select(r => r.Exchange).ToList();
        if (pointing.Count == 0)
            return new("return-path-mx", DnsCheckStatus.Fail, $"The MX of {returnPathDomain} ({string.Join(", ", others)}) do not point at the appliance ({string.Join(", ", ours)}).", fix);
        if (others.Count > 0)
            return new("return-path-mx", DnsCheckStatus.Warn, $"{returnPathDomain} also lists MX hosts that are not the appliance ({string.Join(", ", others)}); some bounces go there.", null);
        return new("return-path-mx", DnsCheckStatus.Pass, $"The MX of {returnPathDomain} point at the appliance.", null);
    }
}
