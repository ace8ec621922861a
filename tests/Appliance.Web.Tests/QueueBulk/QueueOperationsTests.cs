using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Web.Data.Entities;
using Appliance.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.QueueBulk;

/// <summary>The one queue-operations service: steps, progress, one audit record, validation and tenant rules.</summary>
public sealed class QueueOperationsTests
{
    private sealed class DomainQueueAdmin : IQueueAdmin
    {
        public List<QueueFilter> Suspended { get; } = [];

        public QueueSummary GetSummary() => new(
        [
            Queue("acme", "b.example"), Queue("acme", "a.example"), Queue("acme", "A.example", "spring"), Queue("globex", "c.example"),
        ], [], new Dictionary<string, int>(), 10);

        private static ScheduledQueueInfo Queue(string tenant, string domain, string? campaign = null) =>
            new($"{campaign}:{tenant}@{domain}", tenant, campaign, domain, 2, 2, null, null, false, null);

        public int Count(QueueFilter filter) => 6;

        public List<(string Operation, QueueFilter Filter)> Calls { get; } = [];

        public int Suspend(QueueFilter filter, string actor)
        {
            Suspended.Add(filter);
            return filter.Domain == "b.example" ? 4 : 2;
        }

        public int Resume(QueueFilter filter, string actor) => Call("resume", filter);

        public int RetryNow(QueueFilter filter, string actor) => Call("retry", filter);

        public int Bounce(QueueFilter filter, string reason, string actor) => Call("bounce", filter);

        public int Delete(QueueFilter filter, string actor) => Call("delete", filter);

        private int Call(string operation, QueueFilter filter)
        {
            Calls.Add((operation, filter));
            return 1;
        }
    }

    private sealed class RecordingAudit : IAuditLog
    {
        public List<(string Action, string Target, object? After)> Entries { get; } = [];

        public Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken cancellationToken = default)
        {
            Entries.Add((action, target, after));
            return Task.CompletedTask;
        }

        public void Add(Appliance.Web.Data.ApplianceDbContext db, string actor, string action, string target, object? before, object? after) =>
            Entries.Add((action, target, after));

        public Task SaveChangesAsync(Appliance.Web.Data.ApplianceDbContext db, string actor, string action, string target, object? before, Func<object?> after, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("queue operations change no database row");

        public Task SaveChangesAsync(Appliance.Web.Data.ApplianceDbContext db, string actor, string action, Func<string> target, object? before, Func<object?> after, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("queue operations change no database row");

        public Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(int skip, int take, string? search = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<(IReadOnlyList<AuditEntry>, int)>(([], 0));
    }

    private sealed class ListProgress : IProgress<QueueBulkProgress>
    {
        public List<QueueBulkProgress> Reports { get; } = [];

        public void Report(QueueBulkProgress value) => Reports.Add(value);
    }

    private readonly DomainQueueAdmin _admin = new();
    private readonly RecordingAudit _audit = new();
    private readonly QueueOperations _operations;
    private readonly ClaimsPrincipal _user = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops@example.com")], "test"));

    public QueueOperationsTests()
    {
        _operations = new QueueOperations(new QueueViewService(_admin), _audit);
    }

    [Fact]
    public async Task Runs_one_step_per_matching_domain_reporting_progress_and_audits_once()
    {
        var progress = new ListProgress();

        var outcome = await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Suspend, new QueueFilter(Tenant: "acme")), _user, progress);

        Assert.Equal(QueueOperationStatus.Done, outcome.Status);
        Assert.Equal(6, outcome.Affected);
        Assert.Equal(["a.example", "b.example"], _admin.Suspended.Select(f => f.Domain)); // case-insensitive distinct, ordered
        Assert.All(_admin.Suspended, f => Assert.Equal("acme", f.Tenant));
        Assert.Equal([0, 1, 2], progress.Reports.Select(p => p.DoneDomains));
        Assert.Equal([0, 2, 6], progress.Reports.Select(p => p.Affected));
        Assert.Equal(100, progress.Reports[^1].Percent);
        Assert.Equal(6, progress.Reports[0].Expected);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal("queue.suspend", entry.Action);
        Assert.Equal("tenant=acme", entry.Target);
    }

    [Theory]
    [InlineData("mx.example", null)]
    [InlineData(null, "0123ABCD")]
    public async Task Site_or_message_filters_run_in_one_engine_call(string? site, string? messageId)
    {
        var filter = new QueueFilter(Site: site, MessageId: messageId);

        await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Suspend, filter), _user);

        Assert.Equal(filter, Assert.Single(_admin.Suspended));
    }

    [Theory]
    [InlineData(QueueViewOperation.Bounce, null, "spam", "filter", "bounce needs at least one of tenant, campaign, domain, site, messageId.")]
    [InlineData(QueueViewOperation.Bounce, "x.example", "  ", "reason", "A bounce needs a reason.")]
    [InlineData(QueueViewOperation.Delete, "   ", null, "filter", "delete needs at least one of tenant, campaign, domain, site, messageId.")]
    public async Task Invalid_input_is_refused_with_the_field_error_and_nothing_runs_or_is_audited(QueueViewOperation operation, string? domain, string? reason, string field, string message)
    {
        var outcome = await _operations.RunAsync(new QueueOperationCommand(operation, new QueueFilter(Domain: domain), reason), _user);

        Assert.Equal(QueueOperationStatus.Invalid, outcome.Status);
        Assert.Equal([message], outcome.Errors[field]);
        Assert.Equal(message, outcome.Message);
        Assert.Empty(_admin.Calls);
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task Dry_run_counts_and_neither_runs_nor_audits()
    {
        var outcome = await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Bounce, new QueueFilter(Domain: "x.example"), "spam", DryRun: true), _user);

        Assert.Equal((QueueOperationStatus.Done, 6, true), (outcome.Status, outcome.Affected, outcome.DryRun));
        Assert.Empty(_admin.Calls);
        Assert.Empty(_audit.Entries);
    }

    [Fact]
    public async Task A_tenant_key_acts_on_its_own_tenant_only()
    {
        var key = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "acme-key"), new Claim(Appliance.Web.Security.ApiKeyAuthenticationHandler.TenantClaim, "acme")],
            Appliance.Web.Security.ApiKeyAuthenticationHandler.SchemeName));

        var other = await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Retry, new QueueFilter(Tenant: "globex", Domain: "c.example")), key);
        var site = await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Suspend, new QueueFilter(Site: "mx.example")), key);
        var own = await _operations.RunAsync(new QueueOperationCommand(QueueViewOperation.Retry, new QueueFilter(Domain: "c.example")), key);

        Assert.Equal(QueueOperationStatus.Forbidden, other.Status);
        Assert.Equal("This API key cannot change tenant 'globex'.", other.Message);
        Assert.Equal(QueueOperationStatus.Forbidden, site.Status);
        Assert.Equal(QueueOperationStatus.Done, own.Status);
        Assert.Equal(("retry", new QueueFilter(Tenant: "acme", Domain: "c.example")), Assert.Single(_admin.Calls));
        Assert.Equal(("queue.retry", "tenant=acme domain=c.example"), (Assert.Single(_audit.Entries).Action, _audit.Entries[0].Target));
    }
}
