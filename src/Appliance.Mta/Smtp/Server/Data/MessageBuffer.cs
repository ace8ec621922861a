using System.Buffers;
using Appliance.Mta.Messages;
namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// The received message content in chunks rented from <see cref="ArrayPool{T}.Shared"/>; chunks
/// grow from 16 KiB to 1 MiB so small messages take one rent and large ones few. Reset returns them.
/// Past <see cref="Configure"/>'s in-memory limit the rest goes to a <see cref="ContentSpill"/> file as it arrives,
/// so a message is never held whole in memory: the head (which holds the header block) stays in memory, the body
/// streams to disk. Reset deletes the file.
/// </summary>
internal sealed class MessageBuffer : IDisposable
{
    private const int FirstChunk = 16 * 1024;
    private const int MaxChunk = 1024 * 1024;
    private readonly List<byte[]> _chunks = [];
    private readonly SegmentChain _chain = new();
    private int _lastUsed;
    private long _inMemoryLimit = long.MaxValue;
    private string? _spillDirectory;
    private ContentSpill? _spill;
    private bool _discarding;

    public long Length { get; private set; }

    /// <summary>Writing the temporary file failed (disk full, unwritable folder); the content was dropped.</summary>
    public bool SpillFailed { get; private set; }

    /// <summary>Bytes kept in memory; the rest are in <see cref="Spill"/>.</summary>
    public long InMemoryLength { get; private set; }

    /// <summary>The spilled tail (complete, readable), or null when the whole message is in memory.</summary>
    public ContentSpill? Spill
    {
        get
        {
            _spill?.Complete();
            return _spill;
        }
    }

    /// <summary>Keep at most <paramref name="inMemoryLimit"/> bytes in memory; spill the rest into
    /// <paramref name="spillDirectory"/> (null: never spill).</summary>
    public void Configure(long inMemoryLimit, string? spillDirectory)
    {
        _inMemoryLimit = inMemoryLimit;
        _spillDirectory = spillDirectory;
    }

    /// <summary>Drops the content so far and every later append (only <see cref="Length"/> keeps counting): the
    /// message will be refused, but is still read to its end.</summary>
    public void Discard()
    {
        Reset();
        _discarding = true;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_discarding)
        {
            Length += data.Length;
            return;
        }
        if (_spillDirectory is not null && InMemoryLength + data.Length > _inMemoryLimit)
        {
            var keep = (int)Math.Max(0, _inMemoryLimit - InMemoryLength);
            AppendInMemory(data[..keep]);
            data = data[keep..];
            try
            {
                _spill ??= ContentSpill.Create(_spillDirectory);
                _spill.Write(data);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Disk full or unwritable: the message cannot be kept. Read it to its end and refuse it (452 4.3.1).
                var total = Length + data.Length;
                Discard();
                SpillFailed = true;
                Length = total;
                return;
            }
            Length += data.Length;
            return;
        }
        AppendInMemory(data);
    }

    private void AppendInMemory(ReadOnlySpan<byte> data)
    {
        InMemoryLength += data.Length;
        while (!data.IsEmpty)
        {
            if (_chunks.Count == 0 || _lastUsed == _chunks[^1].Length)
            {
                var size = _chunks.Count == 0 ? FirstChunk : Math.Min(MaxChunk, _chunks[^1].Length * 2);
                _chunks.Add(ArrayPool<byte>.Shared.Rent(size));
                _lastUsed = 0;
            }
            var chunk = _chunks[^1];
            var n = Math.Min(data.Length, chunk.Length - _lastUsed);
            data[..n].CopyTo(chunk.AsSpan(_lastUsed));
            _lastUsed += n;
            Length += n;
            data = data[n..];
        }
    }

    public void Append(in ReadOnlySequence<byte> data)
    {
        if (data.IsSingleSegment) Append(data.FirstSpan);
        else foreach (var m in data) Append(m.Span);
    }

    /// <summary>The in-memory content (all of it when <see cref="Spill"/> is null) as a sequence; valid until the
    /// next <see cref="Reset"/>.</summary>
    public ReadOnlySequence<byte> AsSequence()
    {
        _chain.Clear();
        for (var i = 0; i < _chunks.Count; i++)
            _chain.Add(new ReadOnlyMemory<byte>(_chunks[i], 0, i == _chunks.Count - 1 ? _lastUsed : _chunks[i].Length));
        return _chain.Build();
    }

    public void Reset()
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
        _chain.Clear();
        _lastUsed = 0;
        Length = 0;
        InMemoryLength = 0;
        _spill?.Dispose();
        _spill = null;
        _discarding = false;
        SpillFailed = false;
    }

    public void Dispose() => Reset();
}
