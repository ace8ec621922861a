using System.Buffers;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Queue;

/// <summary>
/// Learns of each message the queue accepted, after it is durable in the spool and before the 250 goes out (the host's
/// message-content retention takes its copy here). Called on the reception's hot path: an implementation decides
/// quickly, copies what it needs (the content is valid only during the call) and hands any work to a
/// background writer. It cannot refuse or delay the message; an exception is logged and swallowed.
/// </summary>
public interface IAcceptedMessageObserver
{
    /// <summary>
    /// The message <paramref name="id"/> was spooled at <paramref name="location"/>. <paramref name="content"/> is its
    /// in-memory head (all of it when <paramref name="spill"/> is null); a spilled message's rest is in the spool.
    /// </summary>
    void OnAccepted(SpoolId id, MessageEnvelope envelope, SpoolLocation location, ReadOnlySequence<byte> content, ContentSpill? spill);
}
