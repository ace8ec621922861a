namespace Appliance.Mta.Dkim;

/// <summary>
/// The "relaxed" header canonicalisation of RFC 6376 §3.4.2, over a field's raw bytes: the name lower-cased, the
/// field unfolded, runs of WSP made one SP, WSP at the end of the value and around the colon deleted, CRLF appended.
/// Bytes above 0x7F (RFC 6532 UTF-8 headers) pass through unchanged.
/// </summary>
internal static class DkimRelaxedHeader
{
    /// <summary>
    /// Appends the canonical form of the field <paramref name="field"/> (its name, the colon and its value up to,
    /// not including, the final CRLF); with <paramref name="crlf"/> false the trailing CRLF is left off, as for the
    /// DKIM-Signature field itself (RFC 6376 §3.7).
    /// </summary>
    public static void Append(DkimByteBuffer output, ReadOnlySpan<byte> field, int nameLength, bool crlf = true)
    {
        var name = field[..nameLength];
        // RFC 6376 §3.4.2: "Delete any WSP characters remaining before and after the colon".
        while (name.Length > 0 && IsWsp(name[^1])) name = name[..^1];
        var span = output.GetSpan(name.Length + 1);
        for (var i = 0; i < name.Length; i++)
        {
            var b = name[i];
            span[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b; // lower-case, ASCII only
        }
        span[name.Length] = (byte)':';
        output.Advance(name.Length + 1);

        var value = field[(nameLength + 1)..];
        var dest = output.GetSpan(value.Length + 2);
        var n = 0;
        var space = false;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                i++; // unfold: a CRLF inside a field is always followed by WSP, which the next step reduces
                continue;
            }
            if (IsWsp(b))
            {
                space = n > 0; // leading WSP (after the colon) is deleted, runs inside become one SP
                continue;
            }
            if (space)
            {
                dest[n++] = (byte)' ';
                space = false;
            }
            dest[n++] = b;
        }
        // Trailing WSP is never written ("Delete all WSP characters at the end of each unfolded header field value").
        if (crlf)
        {
            dest[n++] = (byte)'\r';
            dest[n++] = (byte)'\n';
        }
        output.Advance(n);
    }

    private static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';
}
