namespace Appliance.Mta.Smtp;

/// <summary>An RFC 3463 enhanced status code such as 5.7.1 (class.subject.detail).</summary>
public readonly record struct EnhancedStatusCode(int Class, int Subject, int Detail)
{
    /// <summary>"class.subject.detail", e.g. "5.1.1".</summary>
    public override string ToString() => $"{Class}.{Subject}.{Detail}";

    /// <summary>Parses "c.s.d" (RFC 3463 §2: class 2, 4 or 5; subject and detail 0-999).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EnhancedStatusCode code)
    {
        code = default;
        var first = text.IndexOf('.');
        if (first <= 0) return false;
        var rest = text[(first + 1)..];
        var second = rest.IndexOf('.');
        if (second <= 0) return false;
        if (!int.TryParse(text[..first], out var c) || c is not (2 or 4 or 5)) return false;
        if (!int.TryParse(rest[..second], out var s) || s is < 0 or > 999) return false;
        var d = rest[(second + 1)..];
        if (d.Length is 0 or > 3 || !int.TryParse(d, out var dd) || dd < 0) return false;
        code = new EnhancedStatusCode(c, s, dd);
        return true;
    }

    /// <summary>
    /// Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> for text that is not an enhanced status
    /// code.
    /// </summary>
    public static EnhancedStatusCode Parse(string text) =>
        TryParse(text, out var c) ? c : throw new FormatException($"Not an enhanced status code: '{text}'");
}
