using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Appliance.Mta.Events.Index;

/// <summary>
/// The sidecar index of one hourly event file (events-yyyyMMddHH.idx next to events-yyyyMMddHH.jsonl): a header
/// (magic, version, length of the event file covered, entry count) then entries of (key hash: 8 bytes, line offset:
/// 4 bytes) sorted by hash then offset. A lookup is a binary search with positional reads (about 20 reads of 12
/// bytes), so a query costs a few reads per hourly file however many events the file holds. Lines appended after the
/// covered length are scanned.
/// </summary>
public static class EventIndexFile
{
    /// <summary>File extension of an index, which sits next to its event file.</summary>
    public const string Extension = ".idx";
    private const int HeaderSize = 24;
    private const int EntrySize = 12;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("EVX1"u8);

    /// <summary>The index path of <paramref name="eventFile"/> (same name, ".idx").</summary>
    public static string PathFor(string eventFile) => Path.ChangeExtension(eventFile, Extension);

    /// <summary>Builds (or rebuilds) the index of <paramref name="eventFile"/> over its current length; written to a
    /// temporary file and renamed, so readers never see a half-written index. Returns the number of lines indexed.</summary>
    public static int Build(string eventFile)
    {
        var entries = new List<(ulong Hash, uint Offset)>();
        long covered = 0;
        var lines = 0;
        using (var stream = new FileStream(eventFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16))
        {
            var length = stream.Length;
            if (length > uint.MaxValue) return 0; // hourly files never get near 4 GB; such a file is scanned
            foreach (var (offset, line) in EventLines.Read(stream, 0, length))
            {
                covered = offset + line.Length + 1;
                if (EventLines.Parse(line) is not { } e) continue;
                lines++;
                foreach (var key in EventIndexKeys.Of(e)) entries.Add((key, (uint)offset));
            }
        }
        entries.Sort();
        var target = PathFor(eventFile);
        var temp = target + ".tmp";
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 1);
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], covered);
            BinaryPrimitives.WriteInt64LittleEndian(header[16..], entries.Count);
            output.Write(header);
            Span<byte> entry = stackalloc byte[EntrySize];
            foreach (var (hash, offset) in entries)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(entry, hash);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], offset);
                output.Write(entry);
            }
        }
        File.Move(temp, target, overwrite: true);
        return lines;
    }

    /// <summary>The line offsets indexed under <paramref name="key"/> (ascending) and the length of the event file the
    /// index covers; null when there is no usable index.</summary>
    public static (List<long> Offsets, long Covered)? Lookup(string eventFile, ulong key)
    {
        var path = PathFor(eventFile);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        using (handle)
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            if (RandomAccess.Read(handle, header, 0) != HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic) return null;
            var covered = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
            var count = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            if (RandomAccess.GetLength(handle) < HeaderSize + count * EntrySize) return null;
            Span<byte> entry = stackalloc byte[EntrySize];
            // Lower bound of key.
            long lo = 0, hi = count;
            while (lo < hi)
            {
                var mid = lo + (hi - lo) / 2;
                RandomAccess.Read(handle, entry, HeaderSize + mid * EntrySize);
                if (BinaryPrimitives.ReadUInt64LittleEndian(entry) < key) lo = mid + 1;
                else hi = mid;
            }
            var offsets = new List<long>();
            var buffer = new byte[EntrySize * 512];
            for (var at = lo; at < count;)
            {
                var n = (int)Math.Min(512, count - at);
                RandomAccess.Read(handle, buffer.AsSpan(0, n * EntrySize), HeaderSize + at * EntrySize);
                for (var i = 0; i < n; i++)
                {
                    var span = buffer.AsSpan(i * EntrySize, EntrySize);
                    if (BinaryPrimitives.ReadUInt64LittleEndian(span) != key) return (offsets, covered);
                    offsets.Add(BinaryPrimitives.ReadUInt32LittleEndian(span[8..]));
                }
                at += n;
            }
            return (offsets, covered);
        }
    }
}
