using System.Buffers;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Reception;

/// <summary>A message on its way to the spool. Filters may replace the envelope (for example to drop recipients)
/// or the content (for example to prepend a DKIM-Signature header).</summary>
public sealed class ReceptionMessage(MessageEnvelope envelope, ReadOnlySequence<byte> content)
{
    public MessageEnvelope Envelope { get; set; } = envelope;

    /// <summary>The full message, CRLF line ends, dot-unstuffed.</summary>
    public ReadOnlySequence<byte> Content { get; set; } = content;
}
