using System.Buffers;
using Appliance.Mta.Messages;
using MimeKit;

namespace Appliance.Mta.Dkim;

/// <summary>
/// A message split for signing: its header fields parsed by MimeKit (which keeps each field's raw bytes) and its body
/// left as raw bytes. Nothing below the header block is parsed.
/// </summary>
public sealed class DkimParsedMessage
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private DkimParsedMessage(HeaderList headers, ReadOnlySequence<byte> body, ContentSpill? spill)
    {
        Headers = headers;
        Body = body;
        Spill = spill;
    }

    /// <summary>The header fields, as MimeKit objects that keep their raw bytes.</summary>
    public HeaderList Headers { get; }

    /// <summary>Everything after the empty line that ends the header block.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>The rest of a large message's body after <see cref="Body"/>, on disk (hashed in chunks).</summary>
    public ContentSpill? Spill { get; }

    /// <summary>Parses the header block of a CRLF message; false when it has none (it starts with an empty line).</summary>
    public static bool TryParse(ReadOnlySequence<byte> message, out DkimParsedMessage parsed) => TryParse(message, null, out parsed);

    /// <summary>
    /// <paramref name="head"/> followed by <paramref name="spill"/>: the header block must end inside the head (false
    /// otherwise: a header block larger than the in-memory part is not signed).
    /// </summary>
    public static bool TryParse(ReadOnlySequence<byte> head, ContentSpill? spill, out DkimParsedMessage parsed)
    {
        parsed = null!;
        if (spill is not null && spill.Length > 0 && !new SequenceReader<byte>(head).TryReadTo(out ReadOnlySequence<byte> _, HeaderEnd, advancePastDelimiter: false))
            return false;
        if (!TrySplit(head, out var headerBlock, out var body)) return false;
        var headers = HeaderList.Load(ParserOptions.Default, new MemoryStream(headerBlock, writable: false));
        parsed = new DkimParsedMessage(headers, body, spill is { Length: > 0 } ? spill : null);
        return true;
    }

    /// <summary>Splits at the first empty line (RFC 5322 §2.1). The header block gets its terminating CRLF and the
    /// empty line back; a message without an empty line is all header with an empty body.</summary>
    internal static bool TrySplit(ReadOnlySequence<byte> message, out byte[] headerBlock, out ReadOnlySequence<byte> body)
    {
        headerBlock = [];
        body = ReadOnlySequence<byte>.Empty;
        if (message.IsEmpty || message.FirstSpan.StartsWith("\r\n"u8)) return false;
        var reader = new SequenceReader<byte>(message);
        int missing;
        if (reader.TryReadTo(out ReadOnlySequence<byte> headers, HeaderEnd, advancePastDelimiter: true))
        {
            body = message.Slice(reader.Position);
            missing = 4;
        }
        else
        {
            headers = message;
            missing = EndsWithCrLf(message) ? 2 : 4;
        }
        headerBlock = new byte[headers.Length + missing];
        headers.CopyTo(headerBlock);
        HeaderEnd.AsSpan(4 - missing).CopyTo(headerBlock.AsSpan((int)headers.Length));
        return true;
    }

    private static bool EndsWithCrLf(ReadOnlySequence<byte> bytes)
    {
        if (bytes.Length < 2) return false;
        Span<byte> last = stackalloc byte[2];
        bytes.Slice(bytes.Length - 2).CopyTo(last);
        return last.SequenceEqual("\r\n"u8);
    }
}
