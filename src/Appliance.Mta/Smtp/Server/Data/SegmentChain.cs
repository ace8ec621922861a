using System.Buffers;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// Joins memory slices into one <see cref="ReadOnlySequence{T}"/> without copying. Segment
/// objects are kept and reused across messages of a session.
/// </summary>
internal sealed class SegmentChain
{
    private readonly List<BufferSegment> _segments = [];
    private int _count;
    private long _length;

    public long Length => _length;

    public void Clear()
    {
        for (var i = 0; i < _count; i++) _segments[i].Set(default, 0);
        _count = 0;
        _length = 0;
    }

    public void Add(ReadOnlyMemory<byte> memory)
    {
        if (memory.IsEmpty) return;
        if (_count == _segments.Count) _segments.Add(new BufferSegment());
        var segment = _segments[_count];
        segment.Set(memory, _length);
        if (_count > 0) _segments[_count - 1].Link(segment);
        _count++;
        _length += memory.Length;
    }

    public void Add(in ReadOnlySequence<byte> sequence)
    {
        foreach (var memory in sequence) Add(memory);
    }

    public ReadOnlySequence<byte> Build()
    {
        if (_count == 0) return ReadOnlySequence<byte>.Empty;
        if (_count == 1) return new ReadOnlySequence<byte>(_segments[0].Memory);
        var last = _segments[_count - 1];
        return new ReadOnlySequence<byte>(_segments[0], 0, last, last.Memory.Length);
    }
}
