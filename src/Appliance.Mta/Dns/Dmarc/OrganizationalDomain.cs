namespace Appliance.Mta.Dns.Dmarc;

/// <summary>
/// RFC 7489 §3.2 organisational domain with a compact embedded public-suffix list: every single label is a
/// public suffix, plus the common multi-label suffixes below. LIMITATION: this is not the full Public Suffix
/// List; a domain under an unlisted multi-label suffix (e.g. a private registry such as "github.io") gets an
/// organisational domain one label too short.
/// </summary>
public static class OrganizationalDomain
{
    private static readonly HashSet<string> MultiLabelSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "ac.uk", "gov.uk", "nhs.uk", "police.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
        "com.br", "net.br", "org.br", "gov.br", "edu.br",
        "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn",
        "com.hk", "org.hk", "net.hk", "edu.hk", "gov.hk",
        "com.tw", "org.tw", "net.tw", "edu.tw",
        "co.kr", "or.kr", "ne.kr", "go.kr", "ac.kr",
        "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "gov.in",
        "co.za", "org.za", "net.za", "gov.za", "ac.za",
        "com.mx", "org.mx", "gob.mx", "edu.mx",
        "com.ar", "org.ar", "net.ar", "gob.ar",
        "com.sg", "org.sg", "net.sg", "edu.sg", "gov.sg",
        "com.my", "org.my", "net.my",
        "com.tr", "org.tr", "net.tr", "gen.tr",
        "co.il", "org.il", "net.il", "ac.il",
        "com.pl", "net.pl", "org.pl",
        "co.at", "or.at",
        "com.es", "org.es", "nom.es",
        "com.ru", "org.ru", "net.ru",
        "com.ua", "org.ua", "net.ua",
        "co.id", "or.id", "web.id",
        "com.ph", "com.vn", "com.pk", "com.ng", "com.eg", "com.sa", "co.th", "in.th", "com.co",
    };

    /// <summary>The organisational domain of <paramref name="domain"/> (lower-case, no trailing dot).</summary>
    public static string Of(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var labels = domain.TrimEnd('.').ToLowerInvariant().Split('.');
        if (labels.Length <= 1) return string.Join('.', labels);
        // §3.2 step 3: the public suffix is the longest listed suffix; the org domain is one label more.
        var suffixLabels = 1;
        if (labels.Length >= 2 && MultiLabelSuffixes.Contains(string.Join('.', labels[^2..]))) suffixLabels = 2;
        var take = Math.Min(labels.Length, suffixLabels + 1);
        return string.Join('.', labels[^take..]);
    }

    /// <summary>RFC 7489 §3.1 identifier alignment: strict = same name; relaxed = same organisational domain.</summary>
    public static bool AreAligned(string a, string b, DmarcAlignmentMode mode)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.TrimEnd('.');
        var y = b.TrimEnd('.');
        return mode == DmarcAlignmentMode.Strict
            ? x.Equals(y, StringComparison.OrdinalIgnoreCase)
            : Of(x).Equals(Of(y), StringComparison.Ordinal);
    }
}
