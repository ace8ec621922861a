using System.Buffers;

namespace Appliance.Mta.Queue.Spool;

/// <summary>A record waiting for the spool writer: header and prefix bytes, optional content, a completion.</summary>
internal sealed class SpoolWriteOp(SpoolRecordType type, byte[] head, ReadOnlySequence<byte> content, long messageId)
{
    public SpoolRecordType Type { get; } = type;
    public byte[] Head { get; } = head;
    public ReadOnlySequence<byte> Content { get; } = content;
    public long MessageId { get; } = messageId;
    public TaskCompletionSource<SpoolLocation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public long Length => Head.Length + Content.Length;
}
