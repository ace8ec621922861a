namespace Appliance.Mta.Queue.Spool;

/// <summary>A live message while recovery replays the log: updated in place by later records (no copy per record).</summary>
internal struct SpoolRecoveryEntry
{
    public byte[] PackedEnvelope;
    public SpoolLocation Location;
    public MessageProgress Progress;
}
