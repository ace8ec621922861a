using System.Buffers;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// Durable message storage (KumoMTA's spool contract). <see cref="StoreAsync(SpoolId, MessageEnvelope, ReadOnlySequence{byte}, CancellationToken)"/> completes only after the
/// bytes are on stable storage (fsync). Progress and removal records are written in the same batched
/// log. Reading content never loads more than one message.
/// </summary>
public interface ISpool : IAsyncDisposable
{
    /// <summary>Replays the spool; call once before any write.</summary>
    Task<IReadOnlyList<SpooledMessage>> RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Durably stores a message. Throws <see cref="IOException"/> when it could not (disk full).</summary>
    Task<SpoolLocation> StoreAsync(SpoolId id, MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken);

    /// <summary>Durably stores <paramref name="content"/> followed by the bytes of <paramref name="spill"/> as one
    /// message. The default reads the spill into memory; <see cref="SegmentSpool"/> copies it in chunks.</summary>
    Task<SpoolLocation> StoreAsync(SpoolId id, MessageEnvelope envelope, ReadOnlySequence<byte> content, ContentSpill? spill, CancellationToken cancellationToken) =>
        spill is null ? StoreAsync(id, envelope, content, cancellationToken) : StoreAsync(id, envelope, new ReadOnlySequence<byte>(spill.ToArray(content)), cancellationToken);

    /// <summary>Records new progress for a stored message.</summary>
    Task SaveProgressAsync(SpoolId id, MessageProgress progress);

    /// <summary>Records that a message is finished and releases its space.</summary>
    Task RemoveAsync(SpoolId id);

    /// <summary>Writes a fresh copy of a live message (with its progress) at the head of the log, so the old
    /// segment can be deleted. The new copy supersedes the old at recovery.</summary>
    Task<SpoolLocation> RelocateAsync(SpoolId id, MessageEnvelope envelope, MessageProgress progress, ReadOnlyMemory<byte> content);

    /// <summary>Segments whose live messages should be relocated (see <see cref="RelocateAsync"/>).</summary>
    IReadOnlyList<int> SegmentsToEvacuate();

    /// <summary>Reads a message's content into a pooled buffer the caller disposes.</summary>
    IMemoryOwner<byte> ReadContent(SpoolLocation location);

    /// <summary>
    /// A consistent point-in-time view for backups: every segment file with the length it had at that moment.
    /// Every message acknowledged before the call lies within those lengths. No segment is deleted until the
    /// snapshot is disposed.
    /// </summary>
    SpoolSnapshot Snapshot();

    /// <summary>Null when healthy; otherwise why new messages should be refused (KumoMTA unhealthy_reason).</summary>
    string? UnhealthyReason { get; }
}
