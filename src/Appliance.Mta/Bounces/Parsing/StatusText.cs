using System.Text.RegularExpressions;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>Finds SMTP reply codes (RFC 5321 §4.2) and enhanced status codes (RFC 3463 §2) in free text.</summary>
public static partial class StatusText
{
    /// <summary>The first reply code "550" in the text (not part of an IP address or a longer number).</summary>
    public static int? ReplyCode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = ReplyCodeRegex().Match(text);
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The first enhanced status code "5.1.1" in the text (not part of an IP address).</summary>
    public static string? EnhancedCode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var m = EnhancedRegex().Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The first enhanced code whose subject and detail are not both 0, when the text has one.</summary>
    public static string? SpecificEnhancedCode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (Match m in EnhancedRegex().Matches(text))
            if (!m.Groups[1].Value.EndsWith(".0.0", StringComparison.Ordinal)) return m.Groups[1].Value;
        return null;
    }

    [GeneratedRegex(@"(?<![\w.\-/=])([45][0-5]\d)(?=[\s\-:,.\]\)]|$)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReplyCodeRegex();

    [GeneratedRegex(@"(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?![\w.]*\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EnhancedRegex();
}
