namespace Appliance.Mta.Smtp;

/// <summary>The RFC 5321 domain syntax, shared by the SMTP parsers and the settings validator.</summary>
public static class DomainSyntax
{
    /// <summary>
    /// Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str]; each label &lt;= 63
    /// octets, the whole &lt;= 255 (RFC 5321 §4.5.3.1.2). U-labels allowed when <paramref name="allowUtf8"/>.
    /// </summary>
    public static bool IsDomain(ReadOnlySpan<char> d, bool allowUnderscore, bool allowUtf8 = false)
    {
        if (d.Length is 0 or > 255) return false;
        var labelStart = 0;
        for (var i = 0; i <= d.Length; i++)
        {
            if (i == d.Length || d[i] == '.')
            {
                var label = d[labelStart..i];
                if (label.Length is 0 or > 63) return false;
                if (label[0] == '-' || label[^1] == '-') return false;
                labelStart = i + 1;
                continue;
            }
            var c = d[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '-') continue;
            if (c == '_' && allowUnderscore) continue;
            if (c > 127 && allowUtf8 && !char.IsWhiteSpace(c) && !char.IsControl(c)) continue;
            return false;
        }
        return true;
    }
}
