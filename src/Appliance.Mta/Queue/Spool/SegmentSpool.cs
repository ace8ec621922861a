using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Appliance.Mta.Messages;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// The spool as a segmented append-only log (the write-ahead-log idea of KumoMTA's RocksDB spool, in
/// plain files). Every record goes through one writer thread that appends whatever is queued in one
/// gathered write and then fsyncs once: concurrent SMTP sessions share each fsync (group commit), and a
/// message is acknowledged only after its batch is on disk. Segments roll at a size limit and are
/// deleted oldest-first once none of their messages is live. A torn record at the tail (crash mid-write)
/// is cut off at recovery; everything acknowledged before it is intact.
/// </summary>
public sealed partial class SegmentSpool : ISpool
{
    private readonly string _directory;
    private readonly long _segmentLimit;
    private readonly ILogger _logger;
    private readonly Channel<SpoolWriteOp> _ops = Channel.CreateUnbounded<SpoolWriteOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, SpoolSegment> _segments = new();
    private SpoolSegment? _current;
    private long _currentLength;
    private Thread? _writer;
    private volatile string? _unhealthy;
    private volatile int[] _evacuate = [];

    /// <summary>The heads (header and prefix) of the current segment's records, in log order: its index once sealed.
    /// Owned by the writer thread.</summary>
    private readonly ArrayBufferWriter<byte> _heads = new(1024 * 1024);

    /// <summary>Where each live message's newest copy is, and its size; owned by the writer thread.</summary>
    private readonly Dictionary<long, (int Segment, long Bytes)> _live = new();

    /// <summary>
    /// A spool in <paramref name="directory"/>; segments roll over at <paramref name="segmentLimit"/> bytes (64 MiB).
    /// Nothing is read until recovery runs.
    /// </summary>
    public SegmentSpool(string directory, ILogger<SegmentSpool> logger, long segmentLimit = 64L * 1024 * 1024)
    {
        _directory = directory;
        _logger = logger;
        _segmentLimit = segmentLimit;
    }

    /// <inheritdoc/>
    public string? UnhealthyReason => _unhealthy;

    /// <summary>Segment files currently on disk (for tests and the admin view).</summary>
    public int SegmentCount => _segments.Count;

    /// <inheritdoc/>
    public Task<SpoolLocation> StoreAsync(SpoolId id, MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken) =>
        Enqueue(MessageRecord(id, envelope, null, content));

    /// <summary>The spill's bytes follow <paramref name="content"/> in the same record: its CRC is computed here by
    /// reading the file in chunks, and the writer thread copies it into the segment in chunks.</summary>
    public Task<SpoolLocation> StoreAsync(SpoolId id, MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill, CancellationToken cancellationToken) =>
        Enqueue(MessageRecord(id, envelope, null, content, spill));

    /// <inheritdoc/>
    public Task<SpoolLocation> RelocateAsync(SpoolId id, MessageEnvelope envelope, MessageProgress progress, ReadOnlyMemory<byte> content) =>
        Enqueue(MessageRecord(id, envelope, progress, new ReadOnlySequence<byte>(content)));

    /// <inheritdoc/>
    public IReadOnlyList<int> SegmentsToEvacuate() => _evacuate;

    private static SpoolWriteOp MessageRecord(SpoolId id, MessageEnvelope envelope, MessageProgress? progress, ReadOnlySequence<byte> content, ContentSpill? spill = null)
    {
        var env = JsonSerializer.SerializeToUtf8Bytes(envelope, SpoolJsonContext.Default.MessageEnvelope);
        var prog = progress is null ? [] : JsonSerializer.SerializeToUtf8Bytes(progress, SpoolJsonContext.Default.MessageProgress);
        // Payload: id(8) envLen(4) env progLen(4) prog content
        var prefix = new byte[16 + env.Length + prog.Length];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), env.Length);
        env.CopyTo(prefix.AsSpan(12));
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12 + env.Length), prog.Length);
        prog.CopyTo(prefix.AsSpan(16 + env.Length));
        return new SpoolWriteOp(SpoolRecordType.Message, SpoolRecordFormat.BuildHead(SpoolRecordType.Message, prefix, content, spill), content, id.Value, spill);
    }

    /// <inheritdoc/>
    public Task SaveProgressAsync(SpoolId id, MessageProgress progress)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(progress, SpoolJsonContext.Default.MessageProgress);
        var prefix = new byte[8 + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        json.CopyTo(prefix.AsSpan(8));
        return Enqueue(new SpoolWriteOp(SpoolRecordType.Progress, SpoolRecordFormat.BuildHead(SpoolRecordType.Progress, prefix, default), default, id.Value));
    }

    /// <inheritdoc/>
    public Task RemoveAsync(SpoolId id)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        return Enqueue(new SpoolWriteOp(SpoolRecordType.Remove, SpoolRecordFormat.BuildHead(SpoolRecordType.Remove, prefix, default), default, id.Value));
    }

    /// <inheritdoc/>
    public IMemoryOwner<byte> ReadContent(SpoolLocation location)
    {
        if (!_segments.TryGetValue(location.Segment, out var segment))
            throw new IOException($"Spool segment {location.Segment} is gone");
        var owner = new PooledBytes(location.Length);
        var span = owner.Memory.Span;
        var done = 0;
        while (done < location.Length)
        {
            var n = RandomAccess.Read(segment.Handle, span[done..], location.Offset + done);
            if (n <= 0) { owner.Dispose(); throw new IOException($"Spool segment {location.Segment} is truncated"); }
            done += n;
        }
        return owner;
    }

    private Task<SpoolLocation> Enqueue(SpoolWriteOp op)
    {
        if (_writer is null) throw new InvalidOperationException("Spool not recovered yet");
        if (!_ops.Writer.TryWrite(op)) return Task.FromException<SpoolLocation>(new ObjectDisposedException(nameof(SegmentSpool)));
        return op.Completion.Task;
    }

    private void WriterLoop()
    {
        var reader = _ops.Reader;
        var batch = new List<SpoolWriteOp>(256);
        var buffers = new List<ReadOnlyMemory<byte>>(1024);
        while (true)
        {
            if (!reader.TryPeek(out _))
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) break;
            }
            batch.Clear();
            buffers.Clear();
            long size = 0;
            while (batch.Count < 4096 && size < 16 * 1024 * 1024 && reader.TryRead(out var next))
            {
                batch.Add(next);
                size += next.Length;
            }
            WriteBatch(batch, buffers);
        }
    }

    private void WriteBatch(List<SpoolWriteOp> batch, List<ReadOnlyMemory<byte>> buffers)
    {
        var segment = _current!;
        var start = _currentLength;
        var position = start;
        var locations = new SpoolLocation[batch.Count];
        try
        {
            var written = start;
            for (var i = 0; i < batch.Count; i++)
            {
                var op = batch[i];
                buffers.Add(op.Head);
                foreach (var m in op.Content) buffers.Add(m);
                locations[i] = new SpoolLocation(segment.Number, position + op.Head.Length, checked((int)op.ContentLength));
                position += op.Length;
                if (op.Spill is { } spill)
                {
                    // A large message: write what is gathered so far, then copy the spill file in chunks.
                    RandomAccess.Write(segment.Handle, buffers, written);
                    written = position - spill.Length;
                    buffers.Clear();
                    CopySpill(spill, segment, written);
                    written = position;
                }
            }
            RandomAccess.Write(segment.Handle, buffers, written);
            RandomAccess.FlushToDisk(segment.Handle);
            lock (_snapshotLock) _currentLength = position;
            _unhealthy = null;
        }
        catch (Exception ex)
        {
            // Disk full or I/O error: cut the partial batch off so later records stay readable, and fail it.
            try { RandomAccess.SetLength(segment.Handle, start); } catch (IOException) { }
            _unhealthy = ex.Message;
            SpoolLog.WriteFailed(_logger, batch.Count, ex);
            foreach (var op in batch) op.Completion.TrySetException(ex is IOException ? ex : new IOException(ex.Message, ex));
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var op = batch[i];
            _heads.Write(op.Head);
            if (op.Type == SpoolRecordType.Message) TrackLive(op.MessageId, segment, op.Length);
            else if (op.Type == SpoolRecordType.Remove) Untrack(op.MessageId);
            op.Completion.TrySetResult(locations[i]);
        }
        DeleteDeadSegments();
        if (_currentLength >= _segmentLimit)
        {
            // Sealed: everything in it is fsynced, nothing is appended any more. Its index lets the next start read
            // the envelopes without the message bodies (SpoolIndexFormat).
            WriteIndex(segment, _currentLength, _heads.WrittenMemory);
            _heads.ResetWrittenCount();
            OpenNewSegment(segment.Number + 1);
        }
        _evacuate = FindSegmentsToEvacuate();
    }

    private byte[]? _copyBuffer;

    /// <summary>Copies a spill file into the segment at <paramref name="offset"/> through one reused 1 MiB buffer.</summary>
    private void CopySpill(ContentSpill spill, SpoolSegment segment, long offset)
    {
        var chunk = _copyBuffer ??= new byte[1024 * 1024];
        long read = 0;
        int n;
        while ((n = spill.Read(read, chunk)) > 0)
        {
            RandomAccess.Write(segment.Handle, chunk.AsSpan(0, n), offset + read);
            read += n;
        }
        if (read != spill.Length) throw new IOException($"Spill file {spill.Path} is shorter than announced");
    }

    /// <summary>A message's newest copy counts in its segment; an older copy (before relocation) stops counting.</summary>
    private void TrackLive(long id, SpoolSegment segment, long bytes)
    {
        Untrack(id);
        _live[id] = (segment.Number, bytes);
        segment.Live++;
        segment.LiveBytes += bytes;
    }

    private void Untrack(long id)
    {
        if (_live.Remove(id, out var old) && _segments.TryGetValue(old.Segment, out var previous))
        {
            previous.Live--;
            previous.LiveBytes -= old.Bytes;
        }
    }

    /// <summary>
    /// Segments are deleted oldest-first, so a few long-deferred messages in an old segment would pin every
    /// younger one. The oldest segments that are at least two behind the current one are worth evacuating
    /// (their live messages copied forward) when they are mostly dead or when many segments pile up behind them.
    /// </summary>
    private int[] FindSegmentsToEvacuate()
    {
        var current = _current!.Number;
        var ordered = _segments.Keys.Order().ToList();
        var result = new List<int>();
        foreach (var number in ordered)
        {
            if (number >= current - 1 || result.Count >= 2) break;
            var segment = _segments[number];
            if (segment.Live == 0) continue;
            var length = RandomAccess.GetLength(segment.Handle);
            if (segment.LiveBytes * 2 < length || ordered.Count > 8) result.Add(number);
            else break;
        }
        return [.. result];
    }

    /// <summary>Deletes segments oldest-first while they hold no live message (a younger segment may carry
    /// progress records for an older one's messages, so order matters).</summary>
    private void DeleteDeadSegments()
    {
        // A running backup reads the segments it listed: none may disappear under it.
        if (Volatile.Read(ref _pins) > 0) return;
        foreach (var number in _segments.Keys.Order())
        {
            var segment = _segments[number];
            if (segment == _current || segment.Live > 0) return;
            _segments.TryRemove(number, out _);
            segment.Handle.Dispose();
            // The index first: an index left without its segment is dropped at recovery, never read.
            TryDelete(SpoolIndexFormat.PathOf(segment.Path));
            TryDelete(segment.Path);
        }
    }

    private void OpenNewSegment(int number)
    {
        var path = Path.Combine(_directory, $"{number:D10}.seg");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        var segment = new SpoolSegment(number, path, handle);
        lock (_snapshotLock)
        {
            _segments[number] = segment;
            _current = segment;
            _currentLength = 0;
        }
    }

    /// <summary>
    /// Completes the write queue, waits for the writer thread to flush and fsync what was queued, then closes every
    /// segment.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _ops.Writer.TryComplete();
        if (_writer is { } w) await Task.Run(() => w.Join()).ConfigureAwait(false);
        foreach (var s in _segments.Values) s.Handle.Dispose();
        _segments.Clear();
    }
}
