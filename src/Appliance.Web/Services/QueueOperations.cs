using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Web.Api;

namespace Appliance.Web.Services;

/// <summary>
/// The one application service for queue operations (suspend, resume, retry now, bounce, delete): the Queues page,
/// /api/v1/queues/{operation} and `appliance queue` (through the API) all come here, so every path has the same
/// validation, the same tenant rules, the same steps and one audit record with the same text. Authorisation of the
/// caller's role stays at the edge (the page's CanOperate policy, the API's operator-key filter).
/// </summary>
/// <remarks>
/// An operation runs in steps, one destination domain at a time, reporting progress after each (filters naming a
/// domain, a site or a message run in one step). The domains are those of the scheduled queues the filter matches when
/// the run starts, read from the queue counters (no walk); each queued item has exactly one domain, so the steps never
/// overlap, and mail for a domain that appears during the run is not touched, as it would not be by a snapshot.
/// </remarks>
public sealed class QueueOperations(QueueViewService queues, IAuditLog audit)
{
    /// <summary>Field errors for <paramref name="command"/> (camelCase JSON names); empty when it may run.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(QueueOperationCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = Verb(command.Operation);
        // Bouncing or deleting everything must be asked for with at least one criterion (e.g. the tenant).
        if (IsDestructive(command.Operation) && IsEmpty(command.Filter))
            errors["filter"] = [$"{name} needs at least one of tenant, campaign, domain, site, messageId."];
        if (command.Operation == QueueViewOperation.Bounce && string.IsNullOrWhiteSpace(command.Reason))
            errors["reason"] = ["A bounce needs a reason."];
        return errors;
    }

    /// <summary>
    /// Validates, applies the caller's tenant scope (a tenant API key acts on its own tenant only and never on a
    /// shared site), then counts (dry run) or runs the operation and records it once in the audit log.
    /// </summary>
    public async Task<QueueOperationOutcome> RunAsync(QueueOperationCommand command, ClaimsPrincipal user,
        IProgress<QueueBulkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        command = Normalise(command);
        var own = TenantScope.Of(user);
        if (own is not null && command.Filter.Tenant is not null && command.Filter.Tenant != own)
            return QueueOperationOutcome.Forbidden($"This API key cannot change tenant '{command.Filter.Tenant}'.");
        // Suspending a site stops a ready queue that every tenant shares.
        if (own is not null && command.Filter.Site is not null && command.Operation is QueueViewOperation.Suspend or QueueViewOperation.Resume)
            return QueueOperationOutcome.Forbidden("A tenant API key cannot suspend or resume a destination site.");
        var errors = Validate(command);
        if (errors.Count > 0) return QueueOperationOutcome.Invalid(errors);
        if (queues.Admin is not { } admin) return QueueOperationOutcome.Unavailable();

        var filter = command.Filter with { Tenant = own ?? command.Filter.Tenant };
        var expected = admin.Count(filter);
        if (command.DryRun) return QueueOperationOutcome.Done(expected, dryRun: true);

        var domains = Steps(admin, filter);
        var actor = user.Identity?.Name ?? "unknown";
        var affected = 0;
        progress?.Report(new QueueBulkProgress(0, domains.Count, 0, expected));
        for (var i = 0; i < domains.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            affected += Execute(admin, command.Operation, filter with { Domain = domains[i] }, command.Reason, actor);
            progress?.Report(new QueueBulkProgress(i + 1, domains.Count, affected, expected));
            await Task.Yield(); // lets the circuit render the bar between steps
        }
        // Queue operations change the spool and the engine's queue, not a row of the database.
        await audit.RecordAsync(AuditActors.Of(user), "queue." + Verb(command.Operation), Describe(filter), null,
            new { affected, reason = command.Reason, domains = domains.Count }, cancellationToken);
        return QueueOperationOutcome.Done(affected, dryRun: false);
    }

    /// <summary>"tenant=acme domain=example.com", or "all" for an empty filter.</summary>
    public static string Describe(QueueFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var parts = new[] { ("tenant", f.Tenant), ("campaign", f.Campaign), ("domain", f.Domain), ("site", f.Site), ("messageId", f.MessageId) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}").ToList();
        return parts.Count == 0 ? "all" : string.Join(' ', parts);
    }

    /// <summary>Bounce and delete cannot be undone: they need at least one criterion.</summary>
    public static bool IsDestructive(QueueViewOperation operation) => operation is QueueViewOperation.Bounce or QueueViewOperation.Delete;

    public static bool IsEmpty(QueueFilter f) => f.Tenant is null && f.Campaign is null && f.Domain is null && f.Site is null && f.MessageId is null;

    public static string Verb(QueueViewOperation operation) => operation.ToString().ToLowerInvariant();

    /// <summary>Blank fields match everything, whichever path they came from; values are trimmed.</summary>
    private static QueueOperationCommand Normalise(QueueOperationCommand c) => c with
    {
        Filter = new QueueFilter(Blank(c.Filter.Tenant), Blank(c.Filter.Campaign), Blank(c.Filter.Domain), Blank(c.Filter.Site), Blank(c.Filter.MessageId)),
        Reason = Blank(c.Reason),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A domain, site or message filter acts in one step, as the engine defines it; otherwise one step per matching domain.</summary>
    private static List<string?> Steps(IQueueAdmin admin, QueueFilter filter) =>
        filter.Domain is not null || filter.Site is not null || filter.MessageId is not null
            ? [filter.Domain]
            : admin.GetSummary().Scheduled
                .Where(q => (filter.Tenant is null || q.Tenant == filter.Tenant) && (filter.Campaign is null || q.Campaign == filter.Campaign))
                .Select(q => q.Domain)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select(d => (string?)d)
                .ToList();

    private static int Execute(IQueueAdmin admin, QueueViewOperation operation, QueueFilter filter, string? reason, string actor) => operation switch
    {
        QueueViewOperation.Suspend => admin.Suspend(filter, actor),
        QueueViewOperation.Resume => admin.Resume(filter, actor),
        QueueViewOperation.Retry => admin.RetryNow(filter, actor),
        QueueViewOperation.Bounce => admin.Bounce(filter, reason ?? "bounced by an administrator", actor),
        QueueViewOperation.Delete => admin.Delete(filter, actor),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
