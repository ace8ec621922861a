using System.Buffers;

namespace Appliance.Mta.Dkim;

/// <summary>Links memory blocks into a <see cref="ReadOnlySequence{T}"/> without copying them.</summary>
internal sealed class DkimSequenceSegment : ReadOnlySequenceSegment<byte>
{
    private DkimSequenceSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary><paramref name="head"/> followed by every segment of <paramref name="tail"/> (which is not copied).</summary>
    public static ReadOnlySequence<byte> Prepend(ReadOnlyMemory<byte> head, ReadOnlySequence<byte> tail)
    {
        if (head.IsEmpty) return tail;
        var first = new DkimSequenceSegment(head, 0);
        var last = first;
        foreach (var memory in tail)
        {
            if (memory.IsEmpty) continue;
            var next = new DkimSequenceSegment(memory, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
