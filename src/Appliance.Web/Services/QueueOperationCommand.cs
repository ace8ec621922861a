using Appliance.Mta.Admin;

namespace Appliance.Web.Services;

/// <summary>
/// One queue operation as the Queues page, /api/v1/queues/{operation} and `appliance queue` ask for it: what to do, to
/// which queued mail (a <see cref="QueueFilter"/>), the bounce reason, and whether only to count (dry run).
/// </summary>
public sealed record QueueOperationCommand(QueueViewOperation Operation, QueueFilter Filter, string? Reason = null, bool DryRun = false);
