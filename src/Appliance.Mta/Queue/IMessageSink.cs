using System.Buffers;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Queue;

/// <summary>
/// Where a reception hands an accepted message. The returned reply is sent to the client as is:
/// 250 only once the message is durable on disk; 4xx when it could not be stored.
/// </summary>
public interface IMessageSink
{
    /// <param name="envelope">The SMTP envelope and reception metadata.</param>
    /// <param name="content">The full message (headers added by the server included), CRLF line ends, dot-unstuffed.</param>
    ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken);
}
