using System.Buffers;
using System.Text;
using Appliance.Mta.Reception;

namespace Appliance.Mta.Suppression;

/// <summary>Small helpers over a message's raw bytes for reception filters that add header fields.</summary>
public static class MessageHeaderBlock
{
    /// <summary>True when the header block (RFC 5322 §2.1: up to the first empty line) has a field named <paramref name="name"/>.</summary>
    public static bool HasField(ReadOnlySequence<byte> content, string name)
    {
        var head = Encoding.Latin1.GetString(content.Slice(0, Math.Min(content.Length, 64 * 1024)).ToArray());
        var end = head.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end >= 0) head = head[..(end + 2)];
        return head.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)
            || head.Contains("\r\n" + name + ":", StringComparison.OrdinalIgnoreCase);
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
