using System.Security.Claims;
using Appliance.Mta.Admin;
using Appliance.Web.Data.Entities;
using Appliance.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.QueueBulk;

public sealed class QueueBulkRunnerTests
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

        public int Suspend(QueueFilter filter, string actor)
        {
            Suspended.Add(filter);
            return filter.Domain == "b.example" ? 4 : 2;
        }

        public int Resume(QueueFilter filter, string actor) => 0;

        public int RetryNow(QueueFilter filter, string actor) => 0;

        public int Bounce(QueueFilter filter, string reason, string actor) => 0;

        public int Delete(QueueFilter filter, string actor) => 0;
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
    private readonly QueueBulkRunner _runner;
    private readonly ClaimsPrincipal _user = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops@example.com")], "test"));

    public QueueBulkRunnerTests()
    {
        var services = new ServiceCollection().AddSingleton<IQueueAdmin>(_admin).BuildServiceProvider();
        _runner = new QueueBulkRunner(new QueueViewService(services), _audit);
    }

    [Fact]
    public async Task Runs_one_step_per_matching_domain_reporting_progress_and_audits_once()
    {
        var progress = new ListProgress();

        var affected = await _runner.RunAsync(QueueViewOperation.Suspend, new QueueFilter(Tenant: "acme"), null, _user, progress);

        Assert.Equal(6, affected);
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

        await _runner.RunAsync(QueueViewOperation.Suspend, filter, null, _user, null);

        Assert.Equal(filter, Assert.Single(_admin.Suspended));
    }
}
