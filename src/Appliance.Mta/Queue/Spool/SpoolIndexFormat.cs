using System.Buffers.Binary;
using System.IO.Hashing;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// The index of a sealed segment ("0000000007.idx" next to "0000000007.seg"): the segment's records without their
/// message bytes, so recovery reads envelopes and progress from a few megabytes instead of every message body. Layout:
/// a 24-byte header (magic "SPX1", segment number, segment length it describes, length of the entries, CRC-32 of the
/// header's first 20 bytes and the entries), then the entries: each record's 16-byte header and its prefix (for a
/// Message record the id, envelope and progress; for Progress and Remove records the whole payload), in log order.
/// </summary>
/// <remarks>
/// The index is written once, when its segment is sealed (the writer rolled over to a new segment, or recovery
/// reopened the spool), after the segment's last fsync; it is never fsynced itself. Recovery trusts it only when its
/// CRC, its segment number and the segment's current length all check out and its records add up to exactly that
/// length; otherwise (crash while writing it, lost after a power cut, a spool from before indexes) the segment is
/// scanned record by record as before, so the index can only make recovery faster, never lose a message.
/// </remarks>
internal static class SpoolIndexFormat
{
    public const uint Magic = 0x31585053; // "SPX1" little-endian
    public const int HeaderSize = 24;

    /// <summary>The index file of segment <paramref name="segmentPath"/>.</summary>
    public static string PathOf(string segmentPath) => Path.ChangeExtension(segmentPath, ".idx");

    /// <summary>
    /// Writes the index of segment <paramref name="number"/> (<paramref name="segmentLength"/> bytes) with
    /// <paramref name="entries"/> to a temporary file and renames it into place.
    /// </summary>
    public static void Write(string segmentPath, int number, long segmentLength, ReadOnlyMemory<byte> entries)
    {
        var header = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), number);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), segmentLength);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), entries.Length);
        var crc = new Crc32();
        crc.Append(header.AsSpan(0, 20));
        crc.Append(entries.Span);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), crc.GetCurrentHashAsUInt32());
        var path = PathOf(segmentPath);
        var tmp = path + ".tmp";
        using (var handle = File.OpenHandle(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            RandomAccess.Write(handle, [header, entries], 0);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>
    /// The index of <paramref name="segmentPath"/> in a buffer rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>
    /// (the caller returns it; <paramref name="length"/> bytes are the file) when it exists and describes segment
    /// <paramref name="number"/> at exactly <paramref name="segmentLength"/> bytes with a matching CRC; null otherwise,
    /// with the reason when there was a file.
    /// </summary>
    public static byte[]? TryRead(string segmentPath, int number, long segmentLength, out int length, out string? reason)
    {
        reason = null;
        length = 0;
        var path = PathOf(segmentPath);
        if (!File.Exists(path)) return null;
        byte[]? bytes = null;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var fileLength = RandomAccess.GetLength(handle);
            if (fileLength < HeaderSize || fileLength > int.MaxValue / 2)
            {
                reason = "not an index";
                return null;
            }
            bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((int)fileLength);
            while (length < fileLength)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(length, (int)fileLength - length), length);
                if (n <= 0) break;
                length += n;
            }
        }
        catch (IOException ex)
        {
            reason = ex.Message;
        }
        if (bytes is not null && reason is null) reason = Check(bytes.AsSpan(0, length), number, segmentLength);
        if (reason is null) return bytes;
        if (bytes is not null) System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        return null;
    }

    /// <summary>Why <paramref name="index"/> does not describe segment <paramref name="number"/> of
    /// <paramref name="segmentLength"/> bytes; null when it does.</summary>
    private static string? Check(ReadOnlySpan<byte> index, int number, long segmentLength)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(index) != Magic) return "not an index";
        if (BinaryPrimitives.ReadInt32LittleEndian(index[4..]) != number) return "another segment's index";
        if (BinaryPrimitives.ReadInt64LittleEndian(index[8..]) != segmentLength) return "segment length differs";
        if (BinaryPrimitives.ReadInt32LittleEndian(index[16..]) != index.Length - HeaderSize) return "truncated";
        var crc = new Crc32();
        crc.Append(index[..20]);
        crc.Append(index[HeaderSize..]);
        return crc.GetCurrentHashAsUInt32() == BinaryPrimitives.ReadUInt32LittleEndian(index[20..]) ? null : "CRC mismatch";
    }

    /// <summary>
    /// The length of a record's head (16-byte header plus prefix) given its header fields and the start of its
    /// payload: a Message record's prefix ends where its content starts; other records are all prefix. -1 when the
    /// lengths in the prefix do not fit in the payload.
    /// </summary>
    public static int HeadLength(SpoolRecordType type, int payloadLength, ReadOnlySpan<byte> payloadStart)
    {
        if (type != SpoolRecordType.Message) return SpoolRecordFormat.HeaderSize + payloadLength;
        if (payloadStart.Length < 12) return -1;
        var envLength = BinaryPrimitives.ReadInt32LittleEndian(payloadStart[8..]);
        if (envLength < 0 || envLength > payloadLength - 16 || payloadStart.Length < 16 + envLength) return -1;
        var progLength = BinaryPrimitives.ReadInt32LittleEndian(payloadStart[(12 + envLength)..]);
        if (progLength < 0 || progLength > payloadLength - 16 - envLength) return -1;
        return SpoolRecordFormat.HeaderSize + 16 + envLength + progLength;
    }
}
