using System.Buffers;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>A record waiting for the spool writer: header and prefix bytes, optional content (in memory, then
/// optionally a spill file copied in chunks), a completion.</summary>
internal sealed class SpoolWriteOp(SpoolRecordType type, byte[] head, ReadOnlySequence<byte> content, long messageId, ContentSpill? spill = null)
{
    public SpoolRecordType Type { get; } = type;
    public byte[] Head { get; } = head;
    public ReadOnlySequence<byte> Content { get; } = content;
    public long MessageId { get; } = messageId;
    public TaskCompletionSource<SpoolLocation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ContentSpill? Spill { get; } = spill;
    public long ContentLength => Content.Length + (Spill?.Length ?? 0);
    public long Length => Head.Length + ContentLength;
}
