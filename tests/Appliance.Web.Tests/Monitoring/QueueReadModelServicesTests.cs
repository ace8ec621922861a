using Appliance.Mta.Admin;
using Appliance.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Monitoring;

/// <summary>
/// The dashboard and the Queues page's services read the engine's counters, ready queues and paged query only: an
/// engine whose full summary is unavailable still serves them.
/// </summary>
public sealed class QueueReadModelServicesTests
{
    private sealed class CountersOnlyQueueAdmin : IQueueAdmin
    {
        public QueueSummary GetSummary() => throw new InvalidOperationException("the dashboard and the Queues page must not build the full summary");

        public QueueCountersSnapshot GetCounters() => QueueCountersSnapshot.Empty with
        {
            Messages = 5, SuspendedQueues = 2, MessagesByTenant = new Dictionary<string, int> { ["acme"] = 3, ["globex"] = 2 },
        };

        public IReadOnlyList<ReadyQueueInfo> GetReadyQueues() =>
        [
            new("default->b", "default", "b", 1, 0, false, null),
            new("default->a", "default", "a", 9, 1, false, null),
            new("default->c", "default", "c", 0, 0, true, null),
        ];

        public QueuePage<ScheduledQueueInfo> QueryScheduled(ScheduledQueueQuery query) =>
            new([new ScheduledQueueInfo($"{query.Tenant}@x.example", query.Tenant ?? "any", null, "x.example", 1, 1, null, null, false, null)], 1, query.Page, query.PageSize);

        public int Count(QueueFilter filter) => 0;

        public int Suspend(QueueFilter filter, string actor) => 0;

        public int Resume(QueueFilter filter, string actor) => 0;

        public int RetryNow(QueueFilter filter, string actor) => 0;

        public int Bounce(QueueFilter filter, string reason, string actor) => 0;

        public int Delete(QueueFilter filter, string actor) => 0;
    }

    private readonly CountersOnlyQueueAdmin _admin = new();

    [Fact]
    public void Dashboard_snapshot_comes_from_the_counters_and_ready_queues()
    {
        using var metrics = new Appliance.Mta.Diagnostics.MtaMetrics(TimeProvider.System);
        var snapshot = new DashboardService(metrics, _admin, TimeProvider.System).GetSnapshot();

        Assert.Equal(2, snapshot.SuspendedQueues);
        Assert.Equal(2, snapshot.TenantsWithMail);
        Assert.Equal(["default->c", "default->a", "default->b"], snapshot.TopSites.Select(s => s.Name));
    }

    [Fact]
    public void Queues_page_reads_counters_pages_and_pins_a_tenant()
    {
        var view = new QueueViewService(_admin);

        Assert.Equal(5, view.GetCounters(null).Messages);
        Assert.Equal(3, view.GetCounters("acme").Messages);
        Assert.Equal("acme", Assert.Single(view.QueryScheduled(new ScheduledQueueQuery(Tenant: "globex"), tenantScope: "acme").Items).Tenant);
        var ready = view.QueryReady(page: 1, pageSize: 2);
        Assert.Equal(3, ready.Total);
        Assert.Equal(["default->b"], ready.Items.Select(r => r.Name));
    }
}
