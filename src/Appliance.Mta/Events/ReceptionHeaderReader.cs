using System.Buffers;
using System.Text;

namespace Appliance.Mta.Events;

/// <summary>
/// Reads the bounded header summary a Reception event carries. Runs once per message (not per recipient) and looks
/// only at the header block: it stops at the first empty line (RFC 5322 §2.1), after <see cref="MaxScanBytes"/>, or
/// once <see cref="MaxFields"/> fields or <see cref="MaxTotalChars"/> characters are kept. The SMTP server's
/// HeaderScanner has already checked the block's shape; this only copies values out.
/// </summary>
public static class ReceptionHeaderReader
{
    /// <summary>Header bytes looked at; a longer block is cut (and marked truncated).</summary>
    public const int MaxScanBytes = 32 * 1024;

    /// <summary>Fields kept in <see cref="ReceptionHeaders.Fields"/>.</summary>
    public const int MaxFields = 60;

    /// <summary>RFC 5322 §2.1.1: 998 characters per line; a longer unfolded value is cut there.</summary>
    public const int MaxValueChars = 998;

    /// <summary>Characters of names and values kept in all (about one event line's worth).</summary>
    public const int MaxTotalChars = 8 * 1024;

    public static ReceptionHeaders Read(in ReadOnlySequence<byte> message)
    {
        var scanned = message.Length > MaxScanBytes ? message.Slice(0, MaxScanBytes) : message;
        byte[]? rented = null;
        ReadOnlySpan<byte> block;
        if (scanned.IsSingleSegment) block = scanned.FirstSpan;
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)scanned.Length);
            scanned.CopyTo(rented);
            block = rented.AsSpan(0, (int)scanned.Length);
        }
        try
        {
            return Parse(block, cut: message.Length > MaxScanBytes);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReceptionHeaders Parse(ReadOnlySpan<byte> block, bool cut)
    {
        var fields = new List<HeaderField>();
        var dkim = new List<string>();
        string? subject = null, from = null, to = null, date = null;
        var total = 0;
        var truncated = false;
        var pos = 0;
        var ended = false;
        while (pos < block.Length)
        {
            var lineEnd = block[pos..].IndexOf((byte)'\n');
            if (lineEnd < 0) break; // an unfinished line at the scan limit
            var line = Trim(block.Slice(pos, lineEnd));
            if (line.IsEmpty) { ended = true; break; }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) { ended = true; break; }
            var name = Encoding.ASCII.GetString(line[..colon].TrimEnd((byte)' '));
            // RFC 5322 §2.2.3: the field continues on lines that start with white space.
            var valueStart = pos + colon + 1;
            pos += lineEnd + 1;
            while (pos < block.Length && block[pos] is (byte)' ' or (byte)'\t')
            {
                var next = block[pos..].IndexOf((byte)'\n');
                if (next < 0) { pos = block.Length; break; }
                pos += next + 1;
            }
            var value = Unfold(block[valueStart..pos]);
            if (string.Equals(name, "Subject", StringComparison.OrdinalIgnoreCase)) subject ??= value;
            else if (string.Equals(name, "From", StringComparison.OrdinalIgnoreCase)) from ??= value;
            else if (string.Equals(name, "To", StringComparison.OrdinalIgnoreCase)) to ??= value;
            else if (string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase)) date ??= value;
            else if (string.Equals(name, "DKIM-Signature", StringComparison.OrdinalIgnoreCase)) dkim.Add(DkimSummary(value));
            if (fields.Count >= MaxFields || total + name.Length + value.Length > MaxTotalChars) { truncated = true; continue; }
            fields.Add(new HeaderField(name, value));
            total += name.Length + value.Length;
        }
        return new ReceptionHeaders
        {
            Subject = subject, From = from, To = to, Date = date, DkimSignatures = dkim, Fields = fields,
            Truncated = truncated || (cut && !ended),
        };
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    /// <summary>Unfolds, decodes RFC 2047 encoded words (UTF-8 otherwise, RFC 6532) and cuts at <see cref="MaxValueChars"/>.</summary>
    private static string Unfold(ReadOnlySpan<byte> raw)
    {
        var text = raw.Length > MaxValueChars * 4 ? Encoding.UTF8.GetString(raw[..(MaxValueChars * 4)]) : Encoding.UTF8.GetString(raw);
        if (text.Contains('\n', StringComparison.Ordinal)) text = text.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        text = text.Trim();
        if (text.Contains("=?", StringComparison.Ordinal))
        {
            try { text = MimeKit.Utils.Rfc2047.DecodeText(Encoding.UTF8.GetBytes(text)); }
            catch (ArgumentException) { }
        }
        return text.Length > MaxValueChars ? text[..MaxValueChars] : text;
    }

    /// <summary>"d=… s=…" of a DKIM-Signature value (RFC 6376 §3.5 tags).</summary>
    private static string DkimSummary(string value)
    {
        string? d = null, s = null;
        foreach (var tag in value.Split(';'))
        {
            var t = tag.Trim();
            if (t.StartsWith("d=", StringComparison.Ordinal)) d = t[2..].Trim();
            else if (t.StartsWith("s=", StringComparison.Ordinal)) s = t[2..].Trim();
        }
        return $"d={d} s={s}";
    }
}
