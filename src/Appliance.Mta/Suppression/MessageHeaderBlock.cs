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

    /// <summary>The content with <paramref name="fields"/> (complete CRLF-terminated lines) prepended.</summary>
    public static ReadOnlySequence<byte> Prepend(ReadOnlySequence<byte> content, string fields)
    {
        var head = Encoding.UTF8.GetBytes(fields);
        var all = new byte[head.Length + content.Length];
        head.CopyTo(all, 0);
        content.CopyTo(all.AsSpan(head.Length));
        return new ReadOnlySequence<byte>(all);
    }
}
