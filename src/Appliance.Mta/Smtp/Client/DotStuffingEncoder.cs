namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// Encodes message content for DATA in large chunks: RFC 5321 §4.5.2 transparency (a line starting with "."
/// gets another "."), CRLF at the end if missing, then the terminating ".\r\n" (§4.1.1.4). Bytes are otherwise
/// copied unchanged. A "." after a bare LF is stuffed too, so a peer that (wrongly) ends DATA on LF.LF can't be
/// smuggled a second message.
/// </summary>
public struct DotStuffingEncoder
{
    private static ReadOnlySpan<byte> Terminator => ".\r\n"u8;
    private static ReadOnlySpan<byte> CrlfTerminator => "\r\n.\r\n"u8;

    private int _position;
    private bool _midLine;      // false at the start of a line (and of the content)
    private bool _stuffed;      // the extra "." for the current line is already out
    private bool _done;

    /// <summary>True once the terminator was produced.</summary>
    public readonly bool IsCompleted => _done;

    /// <summary>Fills <paramref name="output"/> (at least 8 bytes) with the next encoded bytes; 0 when finished.</summary>
    public int Encode(ReadOnlySpan<byte> content, Span<byte> output)
    {
        if (output.Length < 8) throw new ArgumentException("Output buffer too small", nameof(output));
        var written = 0;
        while (_position < content.Length)
        {
            if (!_midLine && !_stuffed && content[_position] == (byte)'.')
            {
                if (written == output.Length) return written;
                output[written++] = (byte)'.';
                _stuffed = true;
            }
            var rest = content[_position..];
            var lf = rest.IndexOf((byte)'\n');
            var lineLength = lf < 0 ? rest.Length : lf + 1;
            var room = output.Length - written;
            if (room == 0) return written;
            if (lineLength > room)
            {
                rest[..room].CopyTo(output[written..]);
                _position += room;
                _midLine = true;
                return output.Length;
            }
            rest[..lineLength].CopyTo(output[written..]);
            written += lineLength;
            _position += lineLength;
            _midLine = lf < 0;
            _stuffed = false;
        }
        if (_done) return written;
        // RFC 5321 §4.1.1.4: the content ends with CRLF before "." CRLF; add one unless it already ends in CRLF.
        var endsWithCrlf = content.Length >= 2 && content[^2] == (byte)'\r' && content[^1] == (byte)'\n';
        var tail = content.Length == 0 || endsWithCrlf ? Terminator : CrlfTerminator;
        if (output.Length - written < tail.Length) return written;
        tail.CopyTo(output[written..]);
        _done = true;
        return written + tail.Length;
    }
}
