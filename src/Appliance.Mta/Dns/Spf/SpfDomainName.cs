namespace Appliance.Mta.Dns.Spf;

/// <summary>Domain-name shape checks used by check_host() (RFC 7208 §4.3, §7.3).</summary>
internal static class SpfDomainName
{
    /// <summary>Multi-label, labels 1..63 octets, at most 253 octets (RFC 7208 §4.3).</summary>
    public static bool IsValid(string domain)
    {
        var d = domain.EndsWith('.') ? domain[..^1] : domain;
        if (d.Length == 0 || d.Length > 253) return false;
        var labels = d.Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63);
    }

    /// <summary>§7.3: an expansion longer than 253 octets loses left-hand labels until it fits; trailing dot dropped.</summary>
    public static string Truncate(string expanded)
    {
        var d = expanded.EndsWith('.') ? expanded[..^1] : expanded;
        while (d.Length > 253)
        {
            var dot = d.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0) break;
            d = d[(dot + 1)..];
        }
        return d;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="domain"/> or one of its subdomains.</summary>
    public static bool IsSameOrSubdomain(string name, string domain)
    {
        var n = name.TrimEnd('.');
        var d = domain.TrimEnd('.');
        return n.Equals(d, StringComparison.OrdinalIgnoreCase) || n.EndsWith("." + d, StringComparison.OrdinalIgnoreCase);
    }
}
