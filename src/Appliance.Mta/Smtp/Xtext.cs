using System.Globalization;
using System.Text;

namespace Appliance.Mta.Smtp;

/// <summary>
/// The one xtext codec (RFC 3461 §4), shared by the server (ENVID/ORCPT parsing) and the client (ENVID on
/// MAIL FROM) and the DSN composer (Original-Recipient). xtext is "xchar" (%d33-126 except "+" and "=")
/// as is, and every other octet as "+" followed by two upper-case hex digits ("hexchar").
/// </summary>
public static class Xtext
{
    /// <summary>Encodes <paramref name="value"/> (as UTF-8 octets) to xtext (RFC 3461 §4).</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            // RFC 3461 §4: xchar = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except "+" and "=".
            if (IsXchar(b)) sb.Append((char)b);
            else sb.Append('+').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Decodes xtext strictly; false when <paramref name="s"/> is empty, a character is outside xchar, or a
    /// hexchar is malformed (RFC 3461 §4: "+" and two upper-case hex digits).
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
        decoded = Encoding.UTF8.GetString(buffer[..n]);
        return true;
    }

    /// <summary>True when <paramref name="s"/> is well-formed, non-empty xtext (RFC 3461 §4).</summary>
    public static bool IsValid(ReadOnlySpan<char> s) => TryDecode(s, out _);

    /// <summary>
    /// Decodes xtext for display (the DSN's Original-Recipient field): well-formed xtext is decoded, anything
    /// else is returned unchanged so that nothing the client sent is lost.
    /// </summary>
    public static string DecodeOrKeep(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Contains('+', StringComparison.Ordinal) && TryDecode(value, out var decoded) ? decoded : value;
    }

    private static bool IsXchar(byte b) => b is >= 33 and <= 126 and not (byte)'+' and not (byte)'=';

    private static bool IsUpperHex(char c) => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F';

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'A' + 10;
}
