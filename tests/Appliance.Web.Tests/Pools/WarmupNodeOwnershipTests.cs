using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Egress;
using Appliance.Web.Cluster;
using Appliance.Web.Data;
using Appliance.Web.Modules.Pools;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Pools;

/// <summary>
/// Issue 19, "warmup caps count where the source lives": a host that believes it is cluster node "node1" (its egress
/// node replaced; no Redis needed) stores day volumes only for the sources it owns, never overwrites the row another
/// node keeps for a source used by several nodes, advances no attachment of another node's source, and does not use
/// another node's source.
/// </summary>
public sealed class WarmupNodeOwnershipTests : IDisposable
{
    private readonly ApplianceFactory _factory = new()
    {
        ConfigureServicesForTest = s => s.AddSingleton(new EgressNode(Options.Create(new ClusterOptions { Redis = "127.0.0.1:1", NodeName = "node1" }))),
    };
    private readonly HttpClient _admin;

    public WarmupNodeOwnershipTests() => _admin = _factory.CreateAdminClient();

    public void Dispose() => _factory.Dispose();

    private WarmupLimiter Limiter => _factory.Services.GetRequiredService<WarmupLimiter>();
    private WarmupRuntime Runtime => _factory.Services.GetRequiredService<WarmupRuntime>();
    private DateOnly Today => Limiter.Today;

    [Fact]
    public async Task Only_the_owner_stores_day_volumes_and_caps_its_sources()
    {
        foreach (var (name, ip, node) in new[] { ("own", "127.0.0.31", "node1"), ("other", "127.0.0.32", "node2"), ("shared", "127.0.0.33", (string?)null) })
            Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name, bindAddress = ip, node })).StatusCode);
        var engine = _factory.Services.GetRequiredService<EgressConfiguration>();
        Assert.Equal("node1", engine.Plan.LocalNode);
        Assert.False(engine.Plan.IsLocal("other"));

        var plans = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/plans");
        var template = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == WarmupTemplates.EightWeekName).GetProperty("id").GetInt32();
        foreach (var source in new[] { "own", "other" })
            Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source, planId = template, startDate = Today.ToString("yyyy-MM-dd") })).StatusCode);

        // node2 has already stored 40 for the shared source today.
        await using (var db = await DbAsync())
        {
            db.WarmupDays.Add(new WarmupDayRecord { Day = Today, Source = "shared", Provider = "", Sent = 40 });
            await db.SaveChangesAsync();
        }
        Limiter.RecordSent("own", null, 100);
        Limiter.RecordSent("shared", null, 10);
        await Runtime.TickAsync();
        // node2 adds 5 meanwhile; node1 counts 5 more and stores again.
        await using (var db = await DbAsync())
        {
            (await db.WarmupDays.SingleAsync(d => d.Day == Today && d.Source == "shared" && d.Provider == "")).Sent = 45;
            await db.SaveChangesAsync();
        }
        Limiter.RecordSent("shared", null, 5);
        await Runtime.TickAsync();

        await using (var db = await DbAsync())
        {
            var rows = await db.WarmupDays.AsNoTracking().Where(d => d.Day == Today && d.Provider == "").ToListAsync();
            Assert.Equal(100, rows.Single(r => r.Source == "own").Sent);
            Assert.Equal(45, rows.Single(r => r.Source == "shared").Sent);
            Assert.DoesNotContain(rows, r => r.Source == "other");
        }
        Assert.Contains(Limiter.Caps, c => c.Source == "own");
        Assert.DoesNotContain(Limiter.Caps, c => c.Source == "other");
    }

    private async Task<ApplianceDbContext> DbAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContextAsync();
}
