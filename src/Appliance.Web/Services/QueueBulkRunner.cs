using System.Security.Claims;
using Appliance.Mta.Admin;

namespace Appliance.Web.Services;

/// <summary>
/// Runs a bulk queue operation over a filter in steps, one destination domain at a time, reporting progress after
/// each so the Queues page can show a bar for long operations (filters naming a site or a message run in one step). The domains are those of the scheduled queues the
/// filter matches when the run starts (each queued item has exactly one domain, so the steps never overlap);
/// mail for a domain that appears during the run is not touched, as it would not be by a snapshot. One audit entry
/// records the whole run.
/// </summary>
public sealed class QueueBulkRunner(QueueViewService queues, IAuditLog audit)
{
    public async Task<int> RunAsync(QueueViewOperation operation, QueueFilter filter, string? reason, ClaimsPrincipal user,
        IProgress<QueueBulkProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        var expected = queues.DryRun(filter);
        // A site or message filter acts on ready queues or one message: one step, as the engine defines it.
        List<string?> domains = filter.Domain is not null || filter.Site is not null || filter.MessageId is not null ? [filter.Domain] : queues.GetSummary(tenantScope: null).Scheduled
            .Where(q => (filter.Tenant is null || q.Tenant == filter.Tenant) && (filter.Campaign is null || q.Campaign == filter.Campaign))
            .Select(q => q.Domain)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(d => (string?)d)
            .ToList();
        var actor = user.Identity?.Name ?? "unknown";
        var affected = 0;
        progress?.Report(new QueueBulkProgress(0, domains.Count, 0, expected));
        for (var i = 0; i < domains.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            affected += queues.Execute(operation, filter with { Domain = domains[i] }, reason, actor);
            progress?.Report(new QueueBulkProgress(i + 1, domains.Count, affected, expected));
            await Task.Yield(); // let the circuit render the bar between steps
        }
        await audit.RecordAsync(AuditActors.Of(user), "queue." + operation.ToString().ToLowerInvariant(), QueueViewService.Describe(filter), null,
            new { affected, reason, domains = domains.Count }, cancellationToken);
        return affected;
    }
}
