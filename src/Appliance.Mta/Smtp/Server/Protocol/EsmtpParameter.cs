namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>
/// Splits the esmtp-parameters after a path (RFC 5321 §4.1.2): SP-separated
/// esmtp-keyword ["=" esmtp-value]; keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"),
/// value = 1*(%d33-60 / %d62-126), plus UTF8-non-ascii under SMTPUTF8 (RFC 6531 §3.3).
/// </summary>
internal ref struct EsmtpParameterReader
{
    private ReadOnlySpan<char> _rest;

    public EsmtpParameterReader(ReadOnlySpan<char> rest) => _rest = rest;

    /// <summary>True when a parameter was read; <paramref name="malformed"/> is set on a syntax error.</summary>
    public bool TryNext(out ReadOnlySpan<char> keyword, out ReadOnlySpan<char> value, out bool hasValue, out bool malformed)
    {
        keyword = default;
        value = default;
        hasValue = false;
        malformed = false;
        _rest = _rest.TrimStart(' ');
        if (_rest.IsEmpty) return false;
        var end = _rest.IndexOf(' ');
        var token = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? default : _rest[end..];
        var eq = token.IndexOf('=');
        keyword = eq < 0 ? token : token[..eq];
        if (eq >= 0)
        {
            hasValue = true;
            value = token[(eq + 1)..];
            if (value.IsEmpty) malformed = true;
            foreach (var c in value)
                if (c is < '!' or '=' or (char)127) { malformed = true; break; }
        }
        if (keyword.IsEmpty || !char.IsAsciiLetterOrDigit(keyword[0])) malformed = true;
        foreach (var c in keyword)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') { malformed = true; break; }
        return true;
    }
}
