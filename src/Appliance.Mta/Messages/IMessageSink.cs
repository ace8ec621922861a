using System.Buffers;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Messages;

/// <summary>
/// Where a reception hands an accepted message. The returned reply is sent to the client as is:
/// 250 only once the message is durable on disk; 4xx when it could not be stored.
/// </summary>
public interface IMessageSink
{
    /// <param name="envelope">The SMTP envelope and reception metadata.</param>
    /// <param name="content">The full message (headers added by the server included), CRLF line ends, dot-unstuffed.</param>
    ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// A message whose content is <paramref name="head"/> followed by the bytes of <paramref name="spill"/> (a large
    /// message streamed to a temporary file; the head holds the header block). The spill belongs to the caller and
    /// is deleted after this returns. Sinks that stream (the reception pipeline, the queue) override this; the
    /// default reads the message into memory and calls the in-memory overload.
    /// </summary>
    ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> head, ContentSpill? spill, CancellationToken cancellationToken) =>
        spill is null ? AcceptAsync(envelope, head, cancellationToken) : AcceptAsync(envelope, new ReadOnlySequence<byte>(spill.ToArray(head)), cancellationToken);
}
