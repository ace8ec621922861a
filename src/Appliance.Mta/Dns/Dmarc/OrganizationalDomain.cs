namespace Appliance.Mta.Dns.Dmarc;

/// <summary>
/// RFC 7489 §3.2 organisational domain over the Public Suffix List (<see cref="PublicSuffixList"/>): the system's
/// copy (<see cref="PublicSuffixList.SystemPath"/>, Debian package publicsuffix) when installed, another file set with
/// <see cref="UseList"/> (Appliance:Dkim:PublicSuffixListFile), else a compact embedded fallback: every single label
/// is a public suffix, plus the common multi-label suffixes below (a domain under an unlisted multi-label suffix such
/// as "github.io" then gets an organisational domain one label too short).
/// </summary>
public static class OrganizationalDomain
{
    private static PublicSuffixList? _list;

    /// <summary>The list in use (loaded on first use).</summary>
    public static PublicSuffixList List => _list ??= LoadDefault();

    /// <summary>Replaces the list (configuration at startup, tests).</summary>
    public static void UseList(PublicSuffixList list) => _list = list ?? throw new ArgumentNullException(nameof(list));

    /// <summary>The system list when present and readable, else the embedded fallback.</summary>
    public static PublicSuffixList LoadDefault()
    {
        try
        {
            if (File.Exists(PublicSuffixList.SystemPath)) return PublicSuffixList.Load(PublicSuffixList.SystemPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Embedded();
    }

    /// <summary>The embedded fallback list.</summary>
    public static PublicSuffixList Embedded() => PublicSuffixList.Parse(MultiLabelSuffixes, "embedded");

    private static readonly string[] MultiLabelSuffixes =
    [
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
    ];

    /// <summary>The organisational domain of <paramref name="domain"/> (lower-case, no trailing dot).</summary>
    public static string Of(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = domain.TrimEnd('.').ToLowerInvariant();
        // §3.2 step 3: the public suffix plus one label; a name that is itself a public suffix is its own.
        return List.RegistrableDomain(name) ?? name;
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
