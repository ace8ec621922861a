using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// The on-disk record layout: a 16-byte header (magic "SPL1", type, 3 reserved bytes, payload length,
/// CRC-32 of the payload) followed by the payload. A record whose header or CRC does not check out marks
/// a torn write at the tail of the log.
/// </summary>
internal static class SpoolRecordFormat
{
    public const uint Magic = 0x314C5053; // "SPL1" little-endian
    public const int HeaderSize = 16;

    /// <summary>Builds header + fixed prefix; the CRC covers the prefix and <paramref name="content"/>.</summary>
    public static byte[] BuildHead(SpoolRecordType type, ReadOnlySpan<byte> prefix, ReadOnlySequence<byte> content, ContentSpill? spill = null)
    {
        var head = new byte[HeaderSize + prefix.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(head, Magic);
        head[4] = (byte)type;
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(8), checked(prefix.Length + (int)(content.Length + (spill?.Length ?? 0))));
        prefix.CopyTo(head.AsSpan(HeaderSize));
        var crc = new Crc32();
        crc.Append(prefix);
        foreach (var segment in content) crc.Append(segment.Span);
        spill?.AppendTo(crc); // read back in chunks (page cache), never loaded whole
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), crc.GetCurrentHashAsUInt32());
        return head;
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> header, out SpoolRecordType type, out int payloadLength, out uint crc)
    {
        type = (SpoolRecordType)header[4];
        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        crc = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        return BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic
            && type is SpoolRecordType.Message or SpoolRecordType.Progress or SpoolRecordType.Remove
            && payloadLength >= 8;
    }
}
