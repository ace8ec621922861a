using System.Globalization;
using Appliance.Web.Api;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>Canonical form of domain names stored by the module: lower-case A-labels (RFC 5890), no trailing dot.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>The canonical name, or null when <paramref name="name"/> is not a valid domain (RFC 1035 §2.3.1, RFC 1123 §2.1).</summary>
    public static string? Normalize(string? name)
    {
        var trimmed = name?.Trim().TrimEnd('.') ?? "";
        // A sending domain has at least two labels: a bare TLD or a single label cannot carry SPF/DKIM/DMARC sensibly.
        if (!DomainSyntax.IsValidDomain(trimmed) || !trimmed.Contains('.', StringComparison.Ordinal)) return null;
        return Idn.GetAscii(trimmed).ToLowerInvariant();
    }
}
