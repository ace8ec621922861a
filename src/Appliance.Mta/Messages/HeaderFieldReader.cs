using System.Text;

namespace Appliance.Mta.Messages;

/// <summary>
/// The one reader of RFC 5322 §2.2 header fields: walks a header block line by line, joins folded lines (§2.2.3: a line
/// that starts with white space continues the field) and stops at the empty line that ends the block (§2.1). It works
/// on bytes and makes no strings itself; <see cref="Unfold"/> makes the value text. Every place that reads header
/// fields (the SMTP server's scan, the Reception event's summary, the admin's header view, reception filters) reads them
/// through it. MimeKit stays where a full MIME parse is needed (DKIM canonicalisation, bounce and ARF parsing).
/// </summary>
public ref struct HeaderFieldReader
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly bool _complete;
    private int _pos;

    /// <param name="block">The start of the message (its header block and possibly more).</param>
    /// <param name="complete">False when <paramref name="block"/> was cut: a last line without a line end is then left
    /// out (it may be part of a field); true to read it as a line.</param>
    public HeaderFieldReader(ReadOnlySpan<byte> block, bool complete = true)
    {
        _block = block;
        _complete = complete;
    }

    /// <summary>Bytes consumed so far (past the last line read).</summary>
    public readonly int Consumed => _pos;

    /// <summary>True once <see cref="Read"/> has returned <see cref="HeaderLine.End"/> at the empty line (not at the end of
    /// the input).</summary>
    public bool EndedAtEmptyLine { get; private set; }

    /// <summary>
    /// Reads the next line: <see cref="HeaderLine.Field"/> with the field (and its folded continuation lines),
    /// <see cref="HeaderLine.NotAField"/> for a line without a name and colon (consumed; the caller decides whether the
    /// block ends there), or <see cref="HeaderLine.End"/> at the empty line (consumed) or the end of the input.
    /// </summary>
    public HeaderLine Read(out HeaderFieldSpan field)
    {
        field = default;
        if (!NextLine(out var start, out var line)) return HeaderLine.End;
        if (line.IsEmpty)
        {
            EndedAtEmptyLine = true; // RFC 5322 §2.1: the empty line ends the header block
            return HeaderLine.End;
        }
        var colon = line.IndexOf((byte)':');
        // RFC 5322 §2.2: field-name is printable US-ASCII except colon; a line starting with white space has no name.
        if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t') return HeaderLine.NotAField;
        var name = line[..colon].TrimEnd(" \t"u8);
        if (name.IsEmpty) return HeaderLine.NotAField;
        var valueStart = start + colon + 1;
        // RFC 5322 §2.2.3: the field continues on the lines that start with WSP.
        while (_pos < _block.Length && _block[_pos] is (byte)' ' or (byte)'\t')
        {
            var save = _pos;
            if (!NextLine(out _, out _))
            {
                _pos = save;
                break;
            }
        }
        var end = _pos;
        var valueEnd = end;
        if (valueEnd > valueStart && _block[valueEnd - 1] == (byte)'\n') valueEnd--;
        if (valueEnd > valueStart && _block[valueEnd - 1] == (byte)'\r') valueEnd--;
        field = new HeaderFieldSpan(name, _block[valueStart..valueEnd], start, end);
        return HeaderLine.Field;
    }

    /// <summary>
    /// The text of a raw field value: UTF-8 (RFC 6532), unfolded (RFC 5322 §2.2.3: the CRLF before folding white space
    /// is removed, the white space kept) and trimmed; at most <paramref name="maxBytes"/> bytes are decoded.
    /// </summary>
    public static string Unfold(ReadOnlySpan<byte> rawValue, int maxBytes = int.MaxValue)
    {
        if (rawValue.Length > maxBytes) rawValue = rawValue[..maxBytes];
        var text = Encoding.UTF8.GetString(rawValue);
        if (text.Contains('\n', StringComparison.Ordinal))
            text = text.Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        return text.Trim();
    }

    /// <summary>The next line without its CRLF (or bare LF); false at the end of the input.</summary>
    private bool NextLine(out int start, out ReadOnlySpan<byte> line)
    {
        start = _pos;
        line = default;
        if (_pos >= _block.Length) return false;
        var rest = _block[_pos..];
        var lf = rest.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (!_complete) return false; // a line cut by the caller's limit
            line = rest;
            _pos = _block.Length;
            return true;
        }
        line = rest[..lf];
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        _pos += lf + 1;
        return true;
    }
}
