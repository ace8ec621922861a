using System.Buffers;

namespace Appliance.Mta.Reception;

/// <summary>
/// Links memory blocks into a <see cref="ReadOnlySequence{T}"/> without copying them, so reception steps that add
/// header fields (the trace header, DKIM-Signature) splice a few bytes into a message instead of copying it.
/// </summary>
public sealed class LinkedSegment : ReadOnlySequenceSegment<byte>
{
    private LinkedSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary><paramref name="head"/> followed by every segment of <paramref name="tail"/>.</summary>
    public static ReadOnlySequence<byte> Prepend(ReadOnlyMemory<byte> head, ReadOnlySequence<byte> tail) =>
        head.IsEmpty ? tail : Concat([new ReadOnlySequence<byte>(head), tail]);

    /// <summary><paramref name="content"/> with <paramref name="insert"/> placed at byte offset <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> Insert(ReadOnlySequence<byte> content, long at, ReadOnlyMemory<byte> insert) =>
        insert.IsEmpty ? content : Concat([content.Slice(0, at), new ReadOnlySequence<byte>(insert), content.Slice(at)]);

    /// <summary>The parts one after the other; empty blocks are left out.</summary>
    public static ReadOnlySequence<byte> Concat(ReadOnlySpan<ReadOnlySequence<byte>> parts)
    {
        LinkedSegment? first = null, last = null;
        foreach (var part in parts)
        {
            foreach (var memory in part)
            {
                if (memory.IsEmpty) continue;
                var next = new LinkedSegment(memory, last is null ? 0 : last.RunningIndex + last.Memory.Length);
                if (last is null) first = next;
                else last.Next = next;
                last = next;
            }
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }
}
