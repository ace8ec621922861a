using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// One flusher writes the quota counters and the metered usage; a failed write of the quota counters keeps them pending
/// for the next flush (before, the changed buckets were handed over and lost when the write failed).
/// </summary>
public sealed class TenantCounterFlusherTests
{
    [Fact]
    public async Task Quota_counters_whose_write_failed_are_written_by_the_next_flush()
    {
        using var factory = new ApplianceFactory();
        var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/tenants/default/quotas", new { hourlyMessageLimit = 10 })).StatusCode);
        await RefusedWrites.RefuseAsync(factory, "TenantUsageBuckets");
        for (var i = 0; i < 2; i++)
        {
            var r = await admin.PostAsJsonAsync("/api/v1/messages", new { from = "app@shop.example", to = new[] { $"u{i}@example.net" }, subject = "s", text = "b", tenantId = "default" });
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }
        var flusher = factory.Services.GetRequiredService<TenantCounterFlusher>();
        await flusher.FlushAllAsync(CancellationToken.None); // refused: logged, kept

        await RefusedWrites.AllowAsync(factory, "TenantUsageBuckets");
        await flusher.FlushAllAsync(CancellationToken.None);

        await using var db = factory.CreateDbContext();
        Assert.Equal(2, await db.TenantUsageBuckets.Where(b => b.TenantId == "default").SumAsync(b => b.Count));
        Assert.Equal(2, (await db.TenantQuotaCounters.SingleAsync(c => c.TenantId == "default" && c.Window == TenantQuotaCounter.MonthWindow)).Count);
        // The metered usage goes through the same flusher: the two receptions are stored.
        Assert.Equal(2, await db.TenantDailyUsage.Where(u => u.TenantId == "default" && u.Domain == "shop.example").SumAsync(u => u.Accepted)); // (DSNs: domain "")
    }
}
