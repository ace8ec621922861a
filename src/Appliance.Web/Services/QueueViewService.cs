using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Mta.Queue;

namespace Appliance.Web.Services;

/// <summary>
/// The engine's queues as one tenant or the administrator sees them, and the bulk operations with their dry run.
/// A tenant sees only its scheduled queues: ready queues (sites) are shared by every tenant.
/// </summary>
public sealed class QueueViewService(IQueueAdmin queueAdmin, IAuditLog? audit = null, QueueManager? queue = null)
{
    public IQueueAdmin? Admin => queueAdmin;

    public QueueSummary GetSummary(string? tenantScope)
    {
        if (Admin is not { } admin) return new QueueSummary([], [], new Dictionary<string, int>(), 0);
        var summary = admin.GetSummary();
        if (tenantScope is null) return summary;
        var count = summary.MessagesByTenant.GetValueOrDefault(tenantScope);
        return new QueueSummary(
            summary.Scheduled.Where(q => q.Tenant == tenantScope).ToList(),
            [],
            count == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { [tenantScope] = count },
            count);
    }

    /// <summary>Ready queues on hold after every host refused connections: name → until when.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> GetHeld(DateTimeOffset now) =>
        queue?.GetHeldReadyQueues(now) ?? new Dictionary<string, DateTimeOffset>();

    /// <summary>How many queued items the operation would touch; changes nothing.</summary>
    public int DryRun(QueueFilter filter) => Admin?.Count(filter) ?? 0;

    public int Execute(QueueViewOperation operation, QueueFilter filter, string? reason, string actor)
    {
        if (Admin is not { } admin) return 0;
        return operation switch
        {
            QueueViewOperation.Suspend => admin.Suspend(filter, actor),
            QueueViewOperation.Resume => admin.Resume(filter, actor),
            QueueViewOperation.Retry => admin.RetryNow(filter, actor),
            QueueViewOperation.Bounce => admin.Bounce(filter, reason ?? "bounced by an administrator", actor),
            QueueViewOperation.Delete => admin.Delete(filter, actor),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>Runs the operation as <paramref name="user"/> (the engine's actor is the user or key name) and records it in the audit log.</summary>
    public async Task<int> ExecuteAsync(QueueViewOperation operation, QueueFilter filter, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var affected = Execute(operation, filter, reason, user.Identity?.Name ?? "unknown");
        if (audit is not null)
            await audit.RecordAsync(AuditActors.Of(user), "queue." + operation.ToString().ToLowerInvariant(), Describe(filter), null, new { affected, reason }, cancellationToken);
        return affected;
    }

    /// <summary>"tenant=acme domain=example.com", or "all" for an empty filter.</summary>
    public static string Describe(QueueFilter f)
    {
        var parts = new[] { ("tenant", f.Tenant), ("campaign", f.Campaign), ("domain", f.Domain), ("site", f.Site), ("messageId", f.MessageId) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}").ToList();
        return parts.Count == 0 ? "all" : string.Join(' ', parts);
    }

    /// <summary>Bounce and delete cannot be undone: they need at least one criterion.</summary>
    public static bool IsDestructive(QueueViewOperation operation) => operation is QueueViewOperation.Bounce or QueueViewOperation.Delete;

    public static bool IsEmpty(QueueFilter f) => f.Tenant is null && f.Campaign is null && f.Domain is null && f.Site is null && f.MessageId is null;
}
