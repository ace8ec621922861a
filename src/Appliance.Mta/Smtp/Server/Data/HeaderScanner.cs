using System.Buffers;
using System.Text;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Scans only the header block (RFC 5322 §2.2, up to the first empty line) of a message. Strings are
/// made only for the handful of fields of interest; every other byte is left alone.
/// </summary>
internal static class HeaderScanner
{
    private const int MaxValueLength = 998;

    public static void Scan(in ReadOnlySequence<byte> message, HeaderScan result)
    {
        result.Clear();
        var reader = new SequenceReader<byte>(message);
        Field current = Field.None;
        long fieldStart = 0;
        var valueStart = default(SequencePosition);
        while (true)
        {
            var lineStart = reader.Consumed;
            var lineStartPos = reader.Position;
            var hasLine = reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n', advancePastDelimiter: true);
            if (!hasLine) line = default;
            var isContinuation = hasLine && line.Length > 0 && line[0] is (byte)' ' or (byte)'\t';
            if (isContinuation) continue;

            // The previous field (if any) ends where this line starts.
            if (current != Field.None)
                Finish(message, result, current, fieldStart, valueStart, lineStartPos, lineStart);
            current = Field.None;

            if (!hasLine) return;
            var content = line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
            if (content.IsEmpty) return; // end of the header block
            var colon = content.IndexOf((byte)':');
            if (colon <= 0) return; // not a header field: treat the rest as body
            var name = content[..colon].TrimEnd((byte)' ');
            current = Classify(name, result);
            fieldStart = lineStart;
            valueStart = message.GetPosition(colon + 1, lineStartPos);
        }
    }

    private static Field Classify(ReadOnlySpan<byte> name, HeaderScan result)
    {
        if (Ascii.EqualsIgnoreCase(name, "Message-ID"u8)) return result.HasMessageId ? Field.None : Field.MessageId;
        if (Ascii.EqualsIgnoreCase(name, "Date"u8)) { result.HasDate = true; return Field.None; }
        if (Ascii.EqualsIgnoreCase(name, "X-Campaign"u8)) return Field.Campaign;
        if (Ascii.EqualsIgnoreCase(name, "X-Stream"u8)) return Field.Stream;
        return Field.None;
    }

    private static void Finish(in ReadOnlySequence<byte> message, HeaderScan result, Field field, long start,
        SequencePosition valueStart, SequencePosition end, long endOffset)
    {
        var raw = message.Slice(valueStart, end);
        var value = raw.Length > MaxValueLength * 4 ? null : Unfold(raw);
        switch (field)
        {
            case Field.MessageId:
                result.HasMessageId = true;
                if (value is not null)
                {
                    var v = value.AsSpan().Trim();
                    if (v.Length > 1 && v[0] == '<' && v[^1] == '>') v = v[1..^1];
                    result.MessageId = v.Length == 0 ? null : v.ToString();
                }
                break;
            case Field.Campaign:
                result.Campaign ??= EmptyToNull(value);
                result.Removals.Add((start, endOffset));
                break;
            case Field.Stream:
                result.Stream ??= EmptyToNull(value);
                result.Removals.Add((start, endOffset));
                break;
        }
    }

    /// <summary>RFC 5322 §2.2.3: unfolding removes the CRLF before folding whitespace.</summary>
    private static string Unfold(in ReadOnlySequence<byte> raw)
    {
        var text = raw.IsSingleSegment ? Encoding.UTF8.GetString(raw.FirstSpan) : Encoding.UTF8.GetString(raw.ToArray());
        if (text.Contains('\n')) text = text.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        return text.Trim();
    }

    private static string? EmptyToNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Length > MaxValueLength ? s[..MaxValueLength] : s;

    private enum Field
    {
        None,
        MessageId,
        Campaign,
        Stream,
    }
}
