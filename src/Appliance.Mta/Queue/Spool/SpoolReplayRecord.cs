namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// One record of a segment as recovery read it (from the segment's index or from the segment itself): what it does
/// to which message, and for a Message record where its content lies and its envelope, already in
/// <see cref="EnvelopePacker"/>'s packed form (read on a recovery thread; no <see cref="Messages.MessageEnvelope"/> is kept).
/// </summary>
internal readonly record struct SpoolReplayRecord(
    SpoolRecordType Type, long Id, byte[]? PackedEnvelope, MessageProgress? Progress, long ContentOffset, int ContentLength, long RecordLength);
