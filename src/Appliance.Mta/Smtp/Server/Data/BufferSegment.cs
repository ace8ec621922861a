using System.Buffers;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>A reusable linked segment for building a <see cref="ReadOnlySequence{T}"/> over pooled memory.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public void Set(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
        Next = null;
    }

    public void Link(BufferSegment next) => Next = next;
}
