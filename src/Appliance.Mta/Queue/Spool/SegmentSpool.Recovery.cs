using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue.Spool;

public sealed partial class SegmentSpool
{
    /// <summary>
    /// Replays every segment in order: Message records add, Progress records update, Remove records drop. A sealed
    /// segment with a valid index (<see cref="SpoolIndexFormat"/>) is replayed from it without reading any message
    /// body; any other segment is scanned record by record, where a bad record ends its segment (in the newest segment
    /// that is a torn tail and is truncated away) and the segment gets its index afterwards. Segments are read in
    /// parallel and applied in log order. Writing then continues in a fresh segment.
    /// </summary>
    public async Task<IReadOnlyList<SpooledMessage>> RecoverAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null) throw new InvalidOperationException("Already recovered");
        var started = TimeProvider.System.GetTimestamp();
        Directory.CreateDirectory(_directory);
        var numbers = SegmentNumbers(".seg");
        DeleteStrayIndexes(numbers);
        var segments = new SpoolSegment[numbers.Count];
        for (var i = 0; i < numbers.Count; i++)
        {
            var path = Path.Combine(_directory, $"{numbers[i]:D10}.seg");
            segments[i] = new SpoolSegment(numbers[i], path, File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read));
            _segments[numbers[i]] = segments[i];
        }

        // Read ahead on the thread pool (a window of one segment per core), apply strictly in log order here: a
        // younger segment's Progress and Remove records refer to an older segment's messages.
        var messages = new Dictionary<long, SpoolRecoveryEntry>();
        var window = new Queue<Task<SegmentReplay>>();
        var degree = Math.Max(2, Environment.ProcessorCount);
        var next = 0;
        int indexed = 0, records = 0;
        long bytesRead = 0;
        for (var i = 0; i < segments.Length; i++)
        {
            while (window.Count < degree && next < segments.Length)
            {
                var segment = segments[next];
                var newest = next == segments.Length - 1;
                window.Enqueue(Task.Run(() => ReadSegment(segment, newest), cancellationToken));
                next++;
            }
            var replay = await window.Dequeue().ConfigureAwait(false);
            Apply(replay, messages);
            if (replay.FromIndex) indexed++;
            records += replay.Records.Count;
            bytesRead += replay.BytesRead;
        }

        OpenNewSegment(numbers.Count == 0 ? 1 : numbers[^1] + 1);
        DeleteDeadSegments();
        _evacuate = FindSegmentsToEvacuate();
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "spool-writer" };
        _writer.Start();

        // Arrival order (ids are time-ordered): one array sort, not an ordered LINQ copy.
        var ids = new long[messages.Count];
        var recovered = new SpooledMessage[messages.Count];
        var n = 0;
        foreach (var (id, entry) in messages)
        {
            ids[n] = id;
            recovered[n++] = new SpooledMessage(new SpoolId(id), entry.PackedEnvelope, entry.Location, entry.Progress);
        }
        Array.Sort(ids, recovered);
        SpoolLog.Recovered(_logger, recovered.Length, numbers.Count);
        SpoolLog.RecoveryRead(_logger, numbers.Count, indexed, numbers.Count - indexed, records, bytesRead,
            (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return recovered;
    }

    private List<int> SegmentNumbers(string extension)
    {
        var numbers = new List<int>();
        foreach (var file in Directory.EnumerateFiles(_directory, "*" + extension))
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), out var n) && n >= 0) numbers.Add(n);
        numbers.Sort();
        return numbers;
    }

    /// <summary>An index whose segment is gone (deleted between the two files) and a half-written index are dropped.</summary>
    private void DeleteStrayIndexes(List<int> segments)
    {
        var live = new HashSet<int>(segments);
        foreach (var number in SegmentNumbers(".idx"))
        {
            if (live.Contains(number)) continue;
            TryDelete(Path.Combine(_directory, $"{number:D10}.idx"));
        }
        foreach (var tmp in Directory.EnumerateFiles(_directory, "*.idx.tmp")) TryDelete(tmp);
    }

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException ex) { SpoolLog.DeleteFailed(_logger, path, ex); }
    }

    private void Apply(SegmentReplay replay, Dictionary<long, SpoolRecoveryEntry> messages)
    {
        var segment = replay.Segment;
        foreach (var r in replay.Records)
        {
            switch (r.Type)
            {
                case SpoolRecordType.Message:
                    // A relocated copy supersedes the older one.
                    messages[r.Id] = new SpoolRecoveryEntry
                    {
                        PackedEnvelope = r.PackedEnvelope!,
                        Location = new SpoolLocation(segment.Number, r.ContentOffset, r.ContentLength),
                        Progress = r.Progress ?? MessageProgress.Initial,
                    };
                    TrackLive(r.Id, segment, r.RecordLength);
                    break;
                case SpoolRecordType.Progress:
                    ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(messages, r.Id);
                    if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref entry)) entry.Progress = r.Progress!;
                    break;
                case SpoolRecordType.Remove:
                    messages.Remove(r.Id);
                    Untrack(r.Id);
                    break;
            }
        }
    }

    /// <summary>Runs on the thread pool: touches only <paramref name="segment"/>'s file and its index.</summary>
    private SegmentReplay ReadSegment(SpoolSegment segment, bool isNewest)
    {
        var length = RandomAccess.GetLength(segment.Handle);
        var index = SpoolIndexFormat.TryRead(segment.Path, segment.Number, length, out var indexLength, out var reason);
        if (index is not null)
        {
            try
            {
                if (TryReplayIndex(index.AsSpan(0, indexLength), length) is { } fromIndex) return new SegmentReplay(segment, fromIndex, true, indexLength);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(index);
            }
            reason = "records do not add up to the segment";
        }
        if (reason is not null) SpoolLog.IndexInvalid(_logger, SpoolIndexFormat.PathOf(segment.Path), reason);
        return ScanSegment(segment, length, isNewest);
    }

    /// <summary>The records of a valid index; null when its entries do not describe exactly the segment's bytes.</summary>
    private static List<SpoolReplayRecord>? TryReplayIndex(ReadOnlySpan<byte> index, long segmentLength)
    {
        var records = new List<SpoolReplayRecord>(index.Length / 256);
        var position = SpoolIndexFormat.HeaderSize;
        long recordOffset = 0;
        try
        {
            while (position < index.Length)
            {
                var rest = index[position..];
                if (rest.Length < SpoolRecordFormat.HeaderSize
                    || !SpoolRecordFormat.TryReadHeader(rest, out var type, out var payloadLength, out _))
                    return null;
                var headLength = SpoolIndexFormat.HeadLength(type, payloadLength, rest[SpoolRecordFormat.HeaderSize..]);
                if (headLength < 0 || headLength > rest.Length) return null;
                records.Add(ParseRecord(type, rest[SpoolRecordFormat.HeaderSize..headLength], payloadLength, recordOffset));
                recordOffset += SpoolRecordFormat.HeaderSize + payloadLength;
                position += headLength;
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return recordOffset == segmentLength ? records : null;
    }

    /// <summary>
    /// Reads every record of the segment through a 1 MiB window and checks its CRC; collects the record heads and,
    /// when the segment ended cleanly (or its torn tail was cut), writes its index for the next start.
    /// </summary>
    private SegmentReplay ScanSegment(SpoolSegment segment, long length, bool isNewest)
    {
        var records = new List<SpoolReplayRecord>();
        var heads = new ArrayBufferWriter<byte>();
        var window = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        long windowStart = 0;
        var windowLength = 0;
        long bytesRead = 0;
        long offset = 0;
        var clean = true;
        try
        {
            while (offset < length)
            {
                if (length - offset < SpoolRecordFormat.HeaderSize
                    || !Fill(offset, SpoolRecordFormat.HeaderSize)
                    || !SpoolRecordFormat.TryReadHeader(Slice(offset, SpoolRecordFormat.HeaderSize), out var type, out var payloadLength, out var crc)
                    || offset + SpoolRecordFormat.HeaderSize + payloadLength > length
                    || !Fill(offset, SpoolRecordFormat.HeaderSize + payloadLength))
                {
                    clean = CutTail(segment, offset, length, isNewest);
                    break;
                }
                var record = Slice(offset, SpoolRecordFormat.HeaderSize + payloadLength);
                var payload = record[SpoolRecordFormat.HeaderSize..];
                var headLength = SpoolIndexFormat.HeadLength(type, payloadLength, payload);
                if (Crc32.HashToUInt32(payload) != crc || headLength < 0)
                {
                    clean = CutTail(segment, offset, length, isNewest);
                    break;
                }
                records.Add(ParseRecord(type, payload[..(headLength - SpoolRecordFormat.HeaderSize)], payloadLength, offset));
                heads.Write(record[..headLength]);
                offset += SpoolRecordFormat.HeaderSize + payloadLength;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
        if (clean && offset > 0) WriteIndex(segment, offset, heads.WrittenMemory);
        return new SegmentReplay(segment, records, false, bytesRead);

        // Makes [from, from + count) available in the window, reading from the file when it is not.
        bool Fill(long from, int count)
        {
            if (from >= windowStart && from + count <= windowStart + windowLength) return true;
            if (count > window.Length)
            {
                ArrayPool<byte>.Shared.Return(window);
                window = ArrayPool<byte>.Shared.Rent(count);
            }
            windowStart = from;
            windowLength = 0;
            var want = (int)Math.Min(window.Length, length - from);
            while (windowLength < want)
            {
                var n = RandomAccess.Read(segment.Handle, window.AsSpan(windowLength, want - windowLength), from + windowLength);
                if (n <= 0) break;
                windowLength += n;
                bytesRead += n;
            }
            return windowLength >= count;
        }

        ReadOnlySpan<byte> Slice(long from, int count) => window.AsSpan((int)(from - windowStart), count);
    }

    // Recovery reads a progress record per deferred message, nearly all with the same last reply ("421 ... refused"):
    // one instance of each while the replay holds them all, not a million equal strings (bounded, thread-safe).
    private static readonly TextPool RecoveredReplies = new();

    /// <summary>
    /// One record from its payload's prefix (for a Message record everything before the content; for the others the
    /// whole payload). <paramref name="recordOffset"/> is where the record's header starts in its segment.
    /// </summary>
    private static SpoolReplayRecord ParseRecord(SpoolRecordType type, ReadOnlySpan<byte> prefix, int payloadLength, long recordOffset)
    {
        var id = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        var recordLength = SpoolRecordFormat.HeaderSize + payloadLength;
        switch (type)
        {
            case SpoolRecordType.Message:
                var envLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[8..]);
                // Packed here, on the recovery thread that read it: the JSON envelope is garbage right away, and what
                // recovery keeps per message is the packed form the queued message starts with (architecture.md,
                // "Memory per queued message").
                var envelope = EnvelopePacker.Pack(JsonSerializer.Deserialize(prefix.Slice(12, envLength), SpoolJsonContext.Default.MessageEnvelope)!);
                var progLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[(12 + envLength)..]);
                var progress = progLength == 0 ? null
                    : Compact(JsonSerializer.Deserialize(prefix.Slice(16 + envLength, progLength), SpoolJsonContext.Default.MessageProgress)!);
                var contentStart = SpoolRecordFormat.HeaderSize + prefix.Length;
                return new SpoolReplayRecord(type, id, envelope, progress, recordOffset + contentStart, recordLength - contentStart, recordLength);
            case SpoolRecordType.Progress:
                return new SpoolReplayRecord(type, id, null, Compact(JsonSerializer.Deserialize(prefix[8..], SpoolJsonContext.Default.MessageProgress)!), 0, 0, recordLength);
            default:
                return new SpoolReplayRecord(type, id, null, null, 0, 0, recordLength);
        }
    }

    /// <summary>The progress as read, with its last reply shared and an empty Done list as the one empty array.</summary>
    private static MessageProgress Compact(MessageProgress progress) =>
        progress with { Done = progress.Done.Length == 0 ? [] : progress.Done, LastResponse = RecoveredReplies.Share(progress.LastResponse) };

    /// <summary>True when the segment is now clean (a torn tail of the newest segment was cut off).</summary>
    private bool CutTail(SpoolSegment segment, long offset, long length, bool isNewest)
    {
        if (isNewest)
        {
            SpoolLog.TornRecord(_logger, segment.Path, offset, length - offset);
            RandomAccess.SetLength(segment.Handle, offset);
            return true;
        }
        SpoolLog.CorruptRecord(_logger, segment.Path, offset, length);
        return false;
    }

    /// <summary>
    /// Writes a sealed segment's index; a failure only costs the next start a scan of that segment. On a nearly full
    /// disk (less than a segment's worth free besides the index) none is written: that space belongs to the log,
    /// whose Remove records are what frees the disk again.
    /// </summary>
    private void WriteIndex(SpoolSegment segment, long length, ReadOnlyMemory<byte> heads)
    {
        try
        {
            if (new DriveInfo(Path.GetFullPath(_directory)).AvailableFreeSpace < _segmentLimit + heads.Length + SpoolIndexFormat.HeaderSize) return;
            SpoolIndexFormat.Write(segment.Path, segment.Number, length, heads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SpoolLog.IndexWriteFailed(_logger, SpoolIndexFormat.PathOf(segment.Path), ex);
        }
    }
}
