using Appliance.Mta.Dns;

namespace Appliance.Mta.DomainHealth;

/// <summary>"dkim:&lt;selector&gt;": the published key record carries the expected public key (RFC 6376 §3.6.1 p=).</summary>
internal static class DkimHealthCheck
{
    public static async Task<DnsCheckResult> RunAsync(IDnsResolver dns, string domain, ExpectedDkimRecord expected, CancellationToken ct)
    {
        var check = "dkim:" + expected.Selector;
        var name = $"{expected.Selector}._domainkey.{domain}";
        var fix = new DnsRecordToPublish("TXT", name, expected.TxtValue, $"DKIM key (selector {expected.Selector})");
        var answer = await dns.ResolveTxtAsync(name, ct).ConfigureAwait(false);
        if (answer.IsTransient) return new(check, DnsCheckStatus.Warn, $"TXT lookup of {name} failed temporarily ({answer.Status}).", null);
        if (answer.Records.Count == 0) return new(check, DnsCheckStatus.Fail, $"No DKIM key record at {name}.", fix);
        var want = Tag(expected.TxtValue, "p");
        if (answer.Records.Any(r => Tag(r, "p") is { Length: > 0 } p && p == want))
            return new(check, DnsCheckStatus.Pass, $"{name} publishes the active key.", null);
        return new(check, DnsCheckStatus.Fail, $"{name} publishes a different or revoked key (p= does not match).", fix);
    }

    /// <summary>The value of one tag of a tag=value list, folding whitespace removed (RFC 6376 §3.2).</summary>
    internal static string? Tag(string record, string tag)
    {
        foreach (var part in record.Split(';'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim() == tag) return string.Concat(part[(eq + 1)..].Where(c => !char.IsWhiteSpace(c)));
        }
        return null;
    }
}
