using System.Buffers;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;

namespace Appliance.Mta.Suppression;

/// <summary>Small helpers over a message's raw bytes for reception filters that add header fields.</summary>
public static class MessageHeaderBlock
{
    /// <summary>True when the header block (RFC 5322 §2.1: up to the first empty line) has a field named <paramref name="name"/>.</summary>
    public static bool HasField(ReadOnlySequence<byte> content, string name)
    {
        var head = content.Slice(0, Math.Min(content.Length, 64 * 1024));
        var bytes = head.IsSingleSegment ? head.FirstSpan : head.ToArray();
        var wanted = Encoding.ASCII.GetBytes(name);
        var reader = new HeaderFieldReader(bytes, complete: false);
        HeaderLine line;
        while ((line = reader.Read(out var field)) != HeaderLine.End)
        {
            if (line == HeaderLine.Field && field.Is(wanted)) return true;
        }
        return false;
    }

    /// <summary>
    /// Inserts <paramref name="fields"/> (complete CRLF-terminated lines) after the leading Received fields of the
    /// message (<see cref="InsertAfterTrace(ReadOnlySequence{byte}, string)"/>) and into the Reception event's header
    /// summary the envelope carries, at the same place.
    /// </summary>
    public static void InsertAfterTrace(ReceptionMessage message, string fields)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Content = InsertAfterTrace(message.Content, fields);
        if (message.Envelope.ReceptionHeaders is { } summary)
        {
            message.Envelope = message.Envelope with
            {
                ReceptionHeaders = ReceptionHeaderCollector.Insert(summary, ReceptionHeaderCollector.LeadingReceived(summary), Encoding.UTF8.GetBytes(fields)),
            };
        }
    }

    /// <summary>
    /// The content with <paramref name="fields"/> (complete CRLF-terminated lines) inserted right after the leading
    /// Received fields, so that the trace block this appliance prepended stays on top (RFC 5321 §4.4); at the very
    /// top when the message starts with another field. The message is not copied: the fields are spliced in.
    /// </summary>
    public static ReadOnlySequence<byte> InsertAfterTrace(ReadOnlySequence<byte> content, string fields) =>
        LinkedSegment.Insert(content, EndOfLeadingReceived(content), Encoding.UTF8.GetBytes(fields));

    /// <summary>Offset just past the Received fields at the top (each with its folded continuation lines).</summary>
    internal static long EndOfLeadingReceived(ReadOnlySequence<byte> content)
    {
        var reader = new SequenceReader<byte>(content);
        var position = 0L;
        while (reader.IsNext("Received:"u8) || reader.IsNext("received:"u8))
        {
            do
            {
                if (!reader.TryAdvanceTo((byte)'\n')) return position; // a truncated field: insert before it
            }
            while (reader.TryPeek(out var next) && next is (byte)' ' or (byte)'\t');
            position = reader.Consumed;
        }
        return position;
    }
}
