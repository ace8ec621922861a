using System.Buffers;
using Appliance.Mta.Messages;
namespace Appliance.Mta.Reception;

/// <summary>A message on its way to the spool. Filters may replace the envelope (for example to drop recipients)
/// or the content (for example to prepend a DKIM-Signature header).
/// <para>A large message is not held whole in memory: <see cref="Content"/> is then its head (the header block and
/// the start of the body) and <see cref="Spill"/> the rest, in a temporary file. Header work touches only
/// <see cref="Content"/>; whatever needs the body reads it through <see cref="OpenRead"/> or in chunks.</para></summary>
public sealed class ReceptionMessage(MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill = null)
{
    /// <summary>The envelope; a filter may replace it (with <c>with</c>), for example to drop recipients.</summary>
    public MessageEnvelope Envelope { get; set; } = envelope;

    /// <summary>The message, CRLF line ends, dot-unstuffed: all of it when <see cref="Spill"/> is null, else its
    /// in-memory head.</summary>
    public ReadOnlySequence<byte> Content { get; set; } = content;

    /// <summary>The content after <see cref="Content"/>, on disk; null for a message held in memory.</summary>
    public ContentSpill? Spill { get; } = spill;

    /// <summary>Size of the whole message.</summary>
    public long Length => Content.Length + (Spill?.Length ?? 0);

    /// <summary>A read-only stream over the whole message (head then spill).</summary>
    public Stream OpenRead() => Spill is null
        ? new ReadOnlySequenceStream(Content)
        : new ConcatenatedStream(new ReadOnlySequenceStream(Content), Spill.OpenRead());

    /// <summary>The whole message in one array; only for bounded messages (inbound mail, under
    /// <c>Inbound:MaxMessageSize</c>).</summary>
    public byte[] ToArray() => Spill is null ? Content.ToArray() : Spill.ToArray(Content);
}
