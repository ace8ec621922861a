using System.Buffers;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// The received message content in chunks rented from <see cref="ArrayPool{T}.Shared"/>; chunks
/// grow from 16 KiB to 1 MiB so small messages take one rent and large ones few. Reset returns them.
/// </summary>
internal sealed class MessageBuffer : IDisposable
{
    private const int FirstChunk = 16 * 1024;
    private const int MaxChunk = 1024 * 1024;
    private readonly List<byte[]> _chunks = [];
    private readonly SegmentChain _chain = new();
    private int _lastUsed;

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
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

    /// <summary>The content as a sequence; valid until the next <see cref="Reset"/>.</summary>
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
    }

    public void Dispose() => Reset();
}
