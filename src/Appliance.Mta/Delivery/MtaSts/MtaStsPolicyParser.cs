using System.Globalization;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>Parser for the policy file (RFC 8461 §3.2): "key: value" lines, CRLF or LF.</summary>
public static class MtaStsPolicyParser
{
    /// <summary>The policy, or null with the reason it is invalid (a policy fetch error, §3.3/§5).</summary>
    public static (MtaStsPolicy? Policy, string? Error) Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? version = null, mode = null, maxAge = null;
        var mx = new List<string>();
        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return (null, $"line '{line}' is not 'key: value'");
            var key = line[..colon].Trim();
            // sts-policy-term = field-name ":" *WSP field-value *WSP; the value has no surrounding whitespace.
            var value = line[(colon + 1)..].Trim(' ', '\t');
            switch (key)
            {
                case "version": version ??= value; break;
                case "mode": mode ??= value; break;
                case "max_age": maxAge ??= value; break;
                case "mx": mx.Add(value); break;
                default: break; // §3.2: unknown fields are ignored.
            }
        }
        if (version != "STSv1") return (null, version is null ? "missing version" : $"version '{version}' is not STSv1");
        MtaStsMode parsedMode;
        switch (mode)
        {
            case "enforce": parsedMode = MtaStsMode.Enforce; break;
            case "testing": parsedMode = MtaStsMode.Testing; break;
            case "none": parsedMode = MtaStsMode.None; break;
            case null: return (null, "missing mode");
            default: return (null, $"mode '{mode}' is not enforce, testing or none");
        }
        // §3.2: max_age is 1*10DIGIT, at most 31557600.
        if (maxAge is null) return (null, "missing max_age");
        if (maxAge.Length is 0 or > 10 || !maxAge.All(char.IsAsciiDigit) || long.Parse(maxAge, CultureInfo.InvariantCulture) > MtaStsPolicy.MaxAgeLimitSeconds)
            return (null, $"max_age '{maxAge}' is not a number of seconds up to {MtaStsPolicy.MaxAgeLimitSeconds}");
        if (parsedMode != MtaStsMode.None && mx.Count == 0) return (null, "no mx pattern");
        foreach (var pattern in mx)
        {
            if (!IsValidPattern(pattern)) return (null, $"mx pattern '{pattern}' is not a host name or *.domain");
        }
        return (new MtaStsPolicy(parsedMode, mx, TimeSpan.FromSeconds(long.Parse(maxAge, CultureInfo.InvariantCulture))), null);
    }

    private static bool IsValidPattern(string pattern)
    {
        var p = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        p = p.TrimEnd('.');
        return p.Length > 0 && p.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c > 127));
    }

    /// <summary>RFC 8461 §3.3: the media type must be text/plain (parameters allowed, case-insensitive).</summary>
    public static bool IsAcceptableContentType(string? contentType)
    {
        if (contentType is null) return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }
}
