using System.Globalization;

namespace Appliance.Mta.Dns.Dmarc;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org/list/) and its algorithm: a rule matches when its labels equal
/// the domain's rightmost labels, "*" matching any one label; an exception rule ("!") wins and its leftmost label is
/// dropped; otherwise the rule with the most labels prevails, and with none the implicit rule "*" does. ICANN and
/// private sections are both used (as DMARC implementations do). Rules and names compare in their ASCII (punycode)
/// form, lower-case.
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian's <c>publicsuffix</c> package (Fedora's <c>publicsuffix-list</c>) installs the list.</summary>
    public const string SystemPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private static readonly IdnMapping Idn = new();

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList(string source) => Source = source;

    /// <summary>Where the rules came from (a file path, or "embedded").</summary>
    public string Source { get; }

    /// <summary>
    /// Rules loaded (normal, wildcard and exception rules together); 0 means every name falls back to the implicit "*"
    /// rule.
    /// </summary>
    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Parses the list format: one rule per line, the first whitespace-delimited token; "//" comments.</summary>
    public static PublicSuffixList Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = new PublicSuffixList(source);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
            var space = line.IndexOfAny([' ', '\t']);
            var rule = space < 0 ? line : line[..space];
            if (rule.StartsWith('!')) list._exceptions.Add(Ascii(rule[1..]));
            else if (rule.StartsWith("*.", StringComparison.Ordinal)) list._wildcards.Add(Ascii(rule[2..]));
            else list._rules.Add(Ascii(rule));
        }
        return list;
    }

    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PublicSuffixList Load(string path) => Parse(File.ReadLines(path), path);

    /// <summary>The public suffix of the domain (lower-case ASCII), or null for an empty or malformed name.</summary>
    public string? PublicSuffix(string domain)
    {
        if (Labels(domain) is not { } labels) return null;
        var count = SuffixLabelCount(labels);
        return string.Join('.', labels[^count..]);
    }

    /// <summary>The registrable domain: the public suffix plus one label; null when the name is itself a public
    /// suffix, or empty or malformed (a leading dot or an empty label).</summary>
    public string? RegistrableDomain(string domain)
    {
        if (Labels(domain) is not { } labels) return null;
        var count = SuffixLabelCount(labels);
        return labels.Length > count ? string.Join('.', labels[^(count + 1)..]) : null;
    }

    private int SuffixLabelCount(string[] labels)
    {
        // An exception rule prevails over every other rule (the most specific first).
        for (var k = labels.Length; k >= 1; k--)
            if (_exceptions.Contains(string.Join('.', labels[^k..]))) return k - 1;
        for (var k = labels.Length; k >= 1; k--)
        {
            if (_rules.Contains(string.Join('.', labels[^k..]))) return k;
            if (k >= 2 && _wildcards.Contains(string.Join('.', labels[^(k - 1)..]))) return k;
        }
        return 1; // the implicit "*" rule
    }

    private static string[]? Labels(string? domain)
    {
        if (string.IsNullOrEmpty(domain)) return null;
        var name = domain.EndsWith('.') ? domain[..^1] : domain;
        if (name.Length == 0 || name.StartsWith('.')) return null;
        var labels = Ascii(name).Split('.');
        return labels.Any(l => l.Length == 0) ? null : labels;
    }

    /// <summary>The lower-case ASCII (IDNA) form; a name IDNA rejects, or a runtime without IDN support
    /// (invariant globalisation), keeps its lower-case Unicode form.</summary>
    private static string Ascii(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower.All(char.IsAscii)) return lower;
        try
        {
            return Idn.GetAscii(lower);
        }
        catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException)
        {
            return lower;
        }
    }
}
