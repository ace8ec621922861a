using System.Buffers;
using System.Text;

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
    /// top when the message starts with another field.
    /// </summary>
    public static ReadOnlySequence<byte> InsertAfterTrace(ReadOnlySequence<byte> content, string fields)
    {
        var head = Encoding.UTF8.GetBytes(fields);
        var at = EndOfLeadingReceived(content.Slice(0, Math.Min(content.Length, 64 * 1024)).ToArray());
        var all = new byte[head.Length + content.Length];
        content.Slice(0, at).CopyTo(all);
        head.CopyTo(all, at);
        content.Slice(at).CopyTo(all.AsSpan(at + head.Length));
        return new ReadOnlySequence<byte>(all);
    }

    /// <summary>Offset just past the Received fields at the top (each with its folded continuation lines).</summary>
    internal static int EndOfLeadingReceived(ReadOnlySpan<byte> head)
    {
        var position = 0;
        while (head[position..].StartsWith("Received:"u8) || head[position..].StartsWith("received:"u8))
        {
            var next = position;
            do
            {
                var lineEnd = head[next..].IndexOf("\r\n"u8);
                if (lineEnd < 0) return position; // a truncated field: insert before it
                next += lineEnd + 2;
            }
            while (next < head.Length && head[next] is (byte)' ' or (byte)'\t');
            position = next;
        }
        return position;
    }
}
