namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>RFC 3461 §4 xtext: "+" followed by two upper-case hex digits encodes one octet.</summary>
internal static class XText
{
    /// <summary>
    /// Decodes xtext; false when a character is outside xchar (%d33-126 except "+" and "=") or a
    /// hexchar is malformed (RFC 3461 §4: hex digits are upper case).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> s, out string decoded)
    {
        decoded = "";
        if (s.IsEmpty) return false;
        Span<byte> buffer = s.Length <= 256 ? stackalloc byte[s.Length] : new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '+')
            {
                if (i + 2 >= s.Length || !IsUpperHex(s[i + 1]) || !IsUpperHex(s[i + 2])) return false;
                buffer[n++] = (byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2]));
                i += 2;
            }
            else if (c is < '!' or > '~' or '=') return false;
            else buffer[n++] = (byte)c;
        }
        decoded = System.Text.Encoding.UTF8.GetString(buffer[..n]);
        return true;
    }

    /// <summary>True when <paramref name="s"/> is well-formed xtext.</summary>
    public static bool IsValid(ReadOnlySpan<char> s) => TryDecode(s, out _);

    private static bool IsUpperHex(char c) => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F';

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'A' + 10;
}
