using Appliance.Mta.Dns;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// Looks up selector._domainkey.domain (RFC 6376 §3.6.2.1) and compares the published public key (p=) with the
/// expected one. Used by rotation step 3 and as the DKIM health check.
/// </summary>
public sealed class DkimRecordProbe(IDnsResolver dns)
{
    public static string RecordName(string selector, string domain) => $"{selector}._domainkey.{domain}";

    public async Task<DkimRecordCheck> CheckAsync(string domain, string selector, string expectedTxt, CancellationToken ct)
    {
        var name = RecordName(selector, domain);
        var answer = await dns.ResolveTxtAsync(name, ct);
        if (answer.IsTransient) return new(selector, name, DkimRecordState.LookupFailed, $"The lookup of {name} failed ({answer.Status}); it is retried later.");
        var expected = PublicKey(expectedTxt);
        var keys = answer.Records.Select(PublicKey).Where(p => p is not null).ToList();
        if (keys.Count == 0) return new(selector, name, DkimRecordState.Missing, $"No DKIM key record at {name}: publish the TXT record shown.");
        if (keys.Contains(expected, StringComparer.Ordinal)) return new(selector, name, DkimRecordState.Published, $"{name} publishes the expected public key.");
        return new(selector, name, DkimRecordState.Different,
            keys.Contains("") ? $"{name} publishes a revoked key (empty p=): replace it with the TXT record shown."
                : $"{name} publishes another public key: replace it with the TXT record shown.");
    }

    /// <summary>The p= tag value without folding whitespace (RFC 6376 §3.6.1, §3.2), or null for a non-key record.</summary>
    public static string? PublicKey(string txt)
    {
        string? p = null;
        foreach (var tag in txt.Split(';'))
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            var tagName = tag[..eq].Trim();
            var value = string.Concat(tag[(eq + 1)..].Where(c => !char.IsWhiteSpace(c)));
            if (tagName == "v" && value != "DKIM1") return null;
            if (tagName == "p") p = value;
        }
        return p;
    }
}
