using Appliance.Mta.Queue.Spool;

namespace Appliance.Mta.Suppression;

/// <summary>What a VERP return path identifies: the spooled message and the index of the recipient in its envelope.</summary>
public readonly record struct VerpToken(SpoolId MessageId, int RecipientIndex);
