using Appliance.Mta.Queue.Spool;

namespace Appliance.Web.Modules.Inspection;

/// <summary>One accepted message for <see cref="ContentRetentionWriter"/>: its bytes, or where in the spool to read a large one.</summary>
public sealed record RetentionWork(string TenantId, SpoolId Id, byte[]? Content, SpoolLocation? Location);
