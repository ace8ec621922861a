using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// One record of a segment as recovery read it (from the segment's index or from the segment itself): what it does
/// to which message, and for a Message record where its content lies.
/// </summary>
internal readonly record struct SpoolReplayRecord(
    SpoolRecordType Type, long Id, MessageEnvelope? Envelope, MessageProgress? Progress, long ContentOffset, int ContentLength, long RecordLength);
