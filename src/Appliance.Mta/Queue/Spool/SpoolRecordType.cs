namespace Appliance.Mta.Queue.Spool;

/// <summary>Record kinds in a spool segment.</summary>
internal enum SpoolRecordType : byte
{
    /// <summary>Envelope, progress and content of a message.</summary>
    Message = 1,
    /// <summary>New progress for a message stored earlier.</summary>
    Progress = 2,
    /// <summary>The message is finished; it is forgotten at recovery.</summary>
    Remove = 3,
}
