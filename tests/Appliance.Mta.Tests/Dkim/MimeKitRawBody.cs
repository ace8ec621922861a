using System.Buffers;
using MimeKit;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>A MimeKit body that writes the original body bytes unchanged, with the message's Content-* fields in its
/// own header list (where MimeKit's DkimSigner reads them). Part of <see cref="MimeKitReferenceSigner"/>.</summary>
internal sealed class MimeKitRawBody : MimeEntity
{
    private readonly ReadOnlySequence<byte> _body;

    public MimeKitRawBody(HeaderList messageHeaders, ReadOnlySequence<byte> body) : base(new ContentType("application", "octet-stream"))
    {
        _body = body;
        Headers.Clear();
        foreach (var header in messageHeaders)
            if (header.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) Headers.Add(header.Clone());
    }

    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        foreach (var segment in _body) stream.Write(segment.Span);
    }

    public override Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        WriteTo(options, stream, contentOnly, cancellationToken);
        return Task.CompletedTask;
    }
}
