using System.Buffers;
using Appliance.Mta.Messages;
using MimeKit;

namespace Appliance.Mta.Dkim;

/// <summary>
/// A MimeKit body that writes the original body bytes unchanged. MimeKit's DkimSigner hashes whatever the body
/// writes, so the body hash (bh=, RFC 6376 §3.7) is computed over exactly the bytes that will be sent, not over
/// MimeKit's re-serialisation of a parsed MIME tree; and the MIME structure is never parsed.
/// MimeKit reads signed Content-* fields from the body's own header list, so that list holds the message's
/// Content-* fields (clones with their raw bytes), in their original order.
/// </summary>
internal sealed class DkimRawBody : MimeEntity
{
    private readonly ReadOnlySequence<byte> _body;
    private readonly ContentSpill? _spill;

    /// <param name="spill">The rest of a large body, on disk: written in chunks, so the body hash is computed
    /// incrementally without loading the message.</param>
    public DkimRawBody(HeaderList messageHeaders, ReadOnlySequence<byte> body, ContentSpill? spill = null) : base(new ContentType("application", "octet-stream"))
    {
        _body = body;
        _spill = spill;
        Headers.Clear();
        foreach (var header in messageHeaders)
            if (header.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) Headers.Add(header.Clone());
    }

    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        // Nothing to prepare: the bytes are sent as they are.
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        foreach (var segment in _body) stream.Write(segment.Span);
        _spill?.CopyTo(stream);
    }

    public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        WriteTo(options, stream, contentOnly, cancellationToken);
        return Task.CompletedTask;
    }
}
