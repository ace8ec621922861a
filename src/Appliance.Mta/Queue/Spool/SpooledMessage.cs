using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>A message found in the spool at start-up, with its last persisted progress.</summary>
public sealed record SpooledMessage(SpoolId Id, MessageEnvelope Envelope, SpoolLocation Location, MessageProgress Progress);
