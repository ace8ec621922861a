using System.Globalization;
using System.Text;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Turns an address into the key suppressions are stored and looked up by: trimmed, angle brackets removed, the
/// domain as a lower-case A-label (UTS #46 non-transitional processing via <see cref="IdnMapping"/>, which is ICU's
/// uidna_openUTS46 now that globalisation is not invariant: "faß.de" → "xn--fa-hia.de", fullwidth and upper-case
/// forms mapped), the local part in NFC and lower-cased
/// (RFC 5321 §2.4 allows case-sensitive local parts, but no mailbox provider uses them), and the provider rules of
/// <see cref="ProviderAddressRules"/> applied (gmail dots and plus tags).
/// </summary>
public sealed class AddressNormalizer
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };
    private readonly Dictionary<string, ProviderAddressRule> _byDomain = new(StringComparer.Ordinal);

    /// <summary>
    /// A normaliser applying <paramref name="rules"/> (null: <see cref="ProviderAddressRules.Default"/>), indexed by
    /// domain.
    /// </summary>
    public AddressNormalizer(IEnumerable<ProviderAddressRule>? rules = null)
    {
        foreach (var rule in rules ?? ProviderAddressRules.Default)
            foreach (var domain in rule.Domains) _byDomain[domain] = rule;
    }

    /// <summary>
    /// The normaliser with the shipped provider rules: the one suppressions are stored and looked up with.
    /// </summary>
    public static AddressNormalizer Default { get; } = new();

    /// <summary>The normalised address, or null when it is not "local@domain".</summary>
    public string? Normalize(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var a = address.Trim().Trim('<', '>');
        var at = a.LastIndexOf('@');
        if (at <= 0 || at == a.Length - 1) return null;
        var domain = NormalizeDomain(a[(at + 1)..]);
        if (domain is null) return null;
        // RFC 6531 §3.3 / RFC 5198: a UTF-8 local part compares in NFC, so composed and decomposed forms are one key.
        var local = a[..at];
        if (!IsAscii(local)) local = local.Normalize(NormalizationForm.FormC);
        local = local.ToLowerInvariant();
        if (_byDomain.TryGetValue(domain, out var rule))
        {
            if (rule.TagSeparator is { } sep && local.IndexOf(sep, StringComparison.Ordinal) is var i and > 0) local = local[..i];
            if (rule.IgnoreDots) local = local.Replace(".", "", StringComparison.Ordinal);
            if (rule.CanonicalDomain.Length > 0) domain = rule.CanonicalDomain;
            if (local.Length == 0) return null;
        }
        return local + "@" + domain;
    }

    /// <summary>A domain as a lower-case A-label ("Bücher.example" → "xn--bcher-kva.example"), or null when invalid.</summary>
    public static string? NormalizeDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain)) return null;
        var d = domain.Trim().TrimEnd('.');
        try
        {
            return (IsAscii(d) ? d : Idn.GetAscii(d)).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The domain of an address (normalised), or null.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address)) return null;
        var at = address.LastIndexOf('@');
        return at < 0 ? null : NormalizeDomain(address[(at + 1)..].Trim('>'));
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s) if (c > 0x7f) return false;
        return true;
    }
}
