using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>A live message while recovery replays the log: updated in place by later records (no copy per record).</summary>
internal struct SpoolRecoveryEntry
{
    public MessageEnvelope Envelope;
    public SpoolLocation Location;
    public MessageProgress Progress;
}
