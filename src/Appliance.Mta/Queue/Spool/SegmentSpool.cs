using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
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

    public SegmentSpool(string directory, ILogger<SegmentSpool> logger, long segmentLimit = 64L * 1024 * 1024)
    {
        _directory = directory;
        _logger = logger;
        _segmentLimit = segmentLimit;
    }

    public string? UnhealthyReason => _unhealthy;

    /// <summary>Segment files currently on disk (for tests and the admin view).</summary>
    public int SegmentCount => _segments.Count;

    public Task<SpoolLocation> StoreAsync(SpoolId id, MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken)
    {
        var env = JsonSerializer.SerializeToUtf8Bytes(envelope, SpoolJsonContext.Default.MessageEnvelope);
        // Payload: id(8) envLen(4) env progLen(4)=0 content
        var prefix = new byte[16 + env.Length];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), env.Length);
        env.CopyTo(prefix.AsSpan(12));
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12 + env.Length), 0);
        var op = new SpoolWriteOp(SpoolRecordType.Message, SpoolRecordFormat.BuildHead(SpoolRecordType.Message, prefix, content), content);
        return Enqueue(op);
    }

    public Task SaveProgressAsync(SpoolId id, MessageProgress progress)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(progress, SpoolJsonContext.Default.MessageProgress);
        var prefix = new byte[8 + json.Length];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        json.CopyTo(prefix.AsSpan(8));
        return Enqueue(new SpoolWriteOp(SpoolRecordType.Progress, SpoolRecordFormat.BuildHead(SpoolRecordType.Progress, prefix, default), default));
    }

    public Task RemoveAsync(SpoolId id, SpoolLocation location)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, id.Value);
        return Enqueue(new SpoolWriteOp(SpoolRecordType.Remove, SpoolRecordFormat.BuildHead(SpoolRecordType.Remove, prefix, default), default, location.Segment));
    }

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
        for (var i = 0; i < batch.Count; i++)
        {
            var op = batch[i];
            buffers.Add(op.Head);
            foreach (var m in op.Content) buffers.Add(m);
            locations[i] = new SpoolLocation(segment.Number, position + op.Head.Length, (int)op.Content.Length);
            position += op.Length;
        }
        try
        {
            RandomAccess.Write(segment.Handle, buffers, start);
            RandomAccess.FlushToDisk(segment.Handle);
            _currentLength = position;
            _unhealthy = null;
        }
        catch (Exception ex)
        {
            // Disk full or I/O error: cut the partial batch off so later records stay readable, and fail it.
            try { RandomAccess.SetLength(segment.Handle, start); } catch (IOException) { }
            _unhealthy = ex.Message;
            _logger.LogError(ex, "Spool write of {Count} records failed", batch.Count);
            foreach (var op in batch) op.Completion.TrySetException(ex is IOException ? ex : new IOException(ex.Message, ex));
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            var op = batch[i];
            if (op.Type == SpoolRecordType.Message) segment.Live++;
            else if (op.Type == SpoolRecordType.Remove && _segments.TryGetValue(op.ReleaseSegment, out var released)) released.Live--;
            op.Completion.TrySetResult(locations[i]);
        }
        DeleteDeadSegments();
        if (_currentLength >= _segmentLimit) OpenNewSegment(segment.Number + 1);
    }

    /// <summary>Deletes segments oldest-first while they hold no live message (a younger segment may carry
    /// progress records for an older one's messages, so order matters).</summary>
    private void DeleteDeadSegments()
    {
        foreach (var number in _segments.Keys.Order())
        {
            var segment = _segments[number];
            if (segment == _current || segment.Live > 0) return;
            _segments.TryRemove(number, out _);
            segment.Handle.Dispose();
            try { File.Delete(segment.Path); }
            catch (IOException ex) { _logger.LogWarning(ex, "Could not delete spool segment {Path}", segment.Path); }
        }
    }

    private void OpenNewSegment(int number)
    {
        var path = Path.Combine(_directory, $"{number:D10}.seg");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        var segment = new SpoolSegment(number, path, handle);
        _segments[number] = segment;
        _current = segment;
        _currentLength = 0;
    }

    public async ValueTask DisposeAsync()
    {
        _ops.Writer.TryComplete();
        if (_writer is { } w) await Task.Run(() => w.Join()).ConfigureAwait(false);
        foreach (var s in _segments.Values) s.Handle.Dispose();
        _segments.Clear();
    }
}
