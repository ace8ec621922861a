namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// A TLS-RPT policy record (RFC 8460 §3): the TXT record at _smtp._tls.&lt;domain&gt;, "v=TLSRPTv1; rua=...", whose
/// rua is a comma-separated list of mailto: and https: URIs.
/// </summary>
public sealed record TlsRptRecord(IReadOnlyList<Uri> ReportUris)
{
    /// <summary>The DNS name of the record for a policy domain (§3).</summary>
    public static string NameFor(string policyDomain) => "_smtp._tls." + policyDomain.TrimEnd('.');

    /// <summary>The one usable record among the TXT strings (§3: records not starting with v=TLSRPTv1 are ignored;
    /// more than one TLSRPTv1 record means none), or null.</summary>
    public static TlsRptRecord? FromTxt(IEnumerable<string> txt)
    {
        ArgumentNullException.ThrowIfNull(txt);
        var candidates = txt.Where(t => t.StartsWith("v=TLSRPTv1", StringComparison.Ordinal)).ToList();
        return candidates.Count == 1 ? TryParse(candidates[0]) : null;
    }

    /// <summary>Parses one record; null when the version is wrong or no rua URI is usable (§3: mailto or https).</summary>
    public static TlsRptRecord? TryParse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = record.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tags.Length == 0 || tags[0] != "v=TLSRPTv1") return null;
        var uris = new List<Uri>();
        foreach (var tag in tags.Skip(1))
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !tag[..eq].Trim().Equals("rua", StringComparison.Ordinal)) continue;
            foreach (var raw in tag[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri)) continue;
                if (uri.Scheme == Uri.UriSchemeMailto && uri.UserInfo.Length > 0 || uri.Scheme == Uri.UriSchemeHttps) uris.Add(uri);
            }
        }
        return uris.Count > 0 ? new TlsRptRecord(uris) : null;
    }

    /// <summary>The address of a mailto: URI (RFC 6068), without any ?query.</summary>
    public static string MailtoAddress(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var address = uri.OriginalString[(uri.OriginalString.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var query = address.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query < 0 ? address : address[..query]);
    }
}
