namespace Appliance.Mta.Suppression;

/// <summary>
/// RFC 4648 §6 base32 in lower case without padding: safe in a local part that a remote MTA may lower-case
/// (RFC 5321 §2.4 lets it treat local parts case-insensitively).
/// </summary>
public static class Base32Lower
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>
    /// <paramref name="data"/> as lower-case base32 without padding (8 characters per 5 bytes, rounded up).
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, n = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, n);
    }

    /// <summary>
    /// The bytes of <paramref name="text"/> (case-insensitive); null when it has a character outside the alphabet or a
    /// length no encoding produces.
    /// </summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, n = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (v < 0) return null;
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bytes[n++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return n == bytes.Length ? bytes : null;
    }
}
