using System.Diagnostics.CodeAnalysis;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// A message found in the spool at start-up, with its last persisted progress. The envelope comes in
/// <see cref="EnvelopePacker"/>'s packed form (the bytes the queued message keeps, not a copy): a recovery of a million
/// messages never holds a million <see cref="MessageEnvelope"/>s at once.
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "The packed envelope is handed to the queued message as is; copying it would double what recovery holds.")]
public sealed record SpooledMessage(SpoolId Id, byte[] PackedEnvelope, SpoolLocation Location, MessageProgress Progress)
{
    /// <summary>The envelope, rebuilt from <see cref="PackedEnvelope"/> on every read (equal each time, labels shared).</summary>
    public MessageEnvelope Envelope => EnvelopePacker.Unpack(PackedEnvelope);
}
