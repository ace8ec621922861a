using System.Buffers;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Dkim;

/// <summary>
/// A message split for signing: its raw header block, scanned into fields (offsets only, nothing decoded), and its
/// body left as raw bytes. Nothing is parsed as MIME; the header block is the message's own memory when it lies in
/// the first segment (the usual case), a copy otherwise.
/// </summary>
public sealed class DkimParsedMessage
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly DkimHeaderField[] _fields;

    private DkimParsedMessage(ReadOnlyMemory<byte> headerBlock, DkimHeaderField[] fields, int fieldCount, ReadOnlySequence<byte> body, ContentSpill? spill)
    {
        HeaderBlock = headerBlock;
        _fields = fields;
        FieldCount = fieldCount;
        Body = body;
        Spill = spill;
    }

    /// <summary>The header block: every field with its CRLF, except that the last field may lack one when the
    /// message has no body separator. The empty line is not part of it.</summary>
    public ReadOnlyMemory<byte> HeaderBlock { get; }

    /// <summary>How many header fields the block holds.</summary>
    public int FieldCount { get; }

    /// <summary>Everything after the empty line that ends the header block.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>The rest of a large message's body after <see cref="Body"/>, on disk (hashed in chunks).</summary>
    public ContentSpill? Spill { get; }

    internal DkimHeaderField Field(int index) => _fields[index];

    /// <summary>The raw bytes of field <paramref name="index"/>, from its name to the end of its value (no final CRLF).</summary>
    internal ReadOnlySpan<byte> FieldBytes(int index) => HeaderBlock.Span.Slice(_fields[index].Start, _fields[index].Length);

    /// <summary>Whether field <paramref name="index"/> is named <paramref name="name"/> (ASCII, case-insensitive,
    /// RFC 5322 §1.2.2; WSP before the colon tolerated as in RFC 6376 §3.4.2).</summary>
    internal bool IsNamed(int index, string name)
    {
        var field = _fields[index];
        if (field.NameLength < name.Length) return false;
        var bytes = HeaderBlock.Span.Slice(field.Start, field.NameLength);
        for (var i = name.Length; i < bytes.Length; i++)
            if (bytes[i] is not ((byte)' ' or (byte)'\t')) return false;
        for (var i = 0; i < name.Length; i++)
            if ((bytes[i] | 0x20) != (name[i] | 0x20)) return false; // field names are printable ASCII without ':'
        return true;
    }

    /// <summary>The index of the first field named <paramref name="name"/>, or -1.</summary>
    internal int IndexOf(string name)
    {
        for (var i = 0; i < FieldCount; i++)
            if (IsNamed(i, name)) return i;
        return -1;
    }

    /// <summary>Scans the header block of a CRLF message; false when it has none (it starts with an empty line).</summary>
    public static bool TryParse(ReadOnlySequence<byte> message, out DkimParsedMessage parsed) => TryParse(message, null, out parsed);

    /// <summary>
    /// <paramref name="head"/> followed by <paramref name="spill"/>: the header block must end inside the head (false
    /// otherwise: a header block larger than the in-memory part is not signed).
    /// </summary>
    public static bool TryParse(ReadOnlySequence<byte> head, ContentSpill? spill, out DkimParsedMessage parsed)
    {
        parsed = null!;
        if (head.IsEmpty || head.FirstSpan.StartsWith("\r\n"u8)) return false;
        ReadOnlyMemory<byte> block;
        ReadOnlySequence<byte> body;
        var first = head.First;
        var end = first.Span.IndexOf(HeaderEnd);
        if (end >= 0)
        {
            // RFC 5322 §2.1: the header block ends at the first empty line; it keeps its last field's CRLF.
            block = first[..(end + 2)];
            body = head.Slice(end + 4);
        }
        else
        {
            var reader = new SequenceReader<byte>(head);
            if (reader.TryReadTo(out ReadOnlySequence<byte> headers, HeaderEnd, advancePastDelimiter: true))
            {
                body = head.Slice(reader.Position);
                block = Copy(headers, 2);
            }
            else
            {
                // No empty line: all header, no body; but a spilled message must have its header end in memory.
                if (spill is { Length: > 0 }) return false;
                body = ReadOnlySequence<byte>.Empty;
                block = head.IsSingleSegment ? first : head.ToArray();
            }
        }
        var fields = Scan(block.Span, out var count);
        parsed = new DkimParsedMessage(block, fields, count, body, spill is { Length: > 0 } ? spill : null);
        return true;
    }

    /// <summary>The header bytes of a multi-segment message, with the CRLF that the delimiter search consumed.</summary>
    private static byte[] Copy(ReadOnlySequence<byte> headers, int crlf)
    {
        var block = new byte[headers.Length + crlf];
        headers.CopyTo(block);
        "\r\n"u8[..crlf].CopyTo(block.AsSpan((int)headers.Length));
        return block;
    }

    /// <summary>
    /// The fields of a header block: a field starts on a line that does not begin with WSP and runs over the
    /// continuation lines that do (RFC 5322 §2.2.3). Only CRLF ends a line.
    /// </summary>
    private static DkimHeaderField[] Scan(ReadOnlySpan<byte> block, out int count)
    {
        var fields = new DkimHeaderField[16];
        count = 0;
        var pos = 0;
        while (pos < block.Length)
        {
            var start = pos;
            int end;
            while (true)
            {
                var lineEnd = block[pos..].IndexOf("\r\n"u8);
                if (lineEnd < 0)
                {
                    end = pos = block.Length; // the last field without CRLF
                    break;
                }
                end = pos + lineEnd;
                pos = end + 2;
                if (pos >= block.Length || block[pos] is not ((byte)' ' or (byte)'\t')) break;
            }
            if (count == fields.Length) Array.Resize(ref fields, count * 2);
            fields[count++] = new DkimHeaderField(start, block[start..end].IndexOf((byte)':'), end - start);
        }
        return fields;
    }
}
