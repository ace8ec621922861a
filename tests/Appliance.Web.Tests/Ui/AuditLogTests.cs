using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Ui;

public sealed class AuditLogTests
{
    [Fact]
    public async Task Entries_page_newest_first_filter_by_text_and_store_before_and_after_as_json()
    {
        using var app = new ApplianceFactory();
        var audit = app.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 7; i++) await audit.RecordAsync("user:a@example.com", i % 2 == 0 ? "tenant.update" : "route.update", $"target-{i}", new { n = i }, new { n = i + 1 });

        var (first, total) = await audit.ListAsync(0, 3);
        var (second, _) = await audit.ListAsync(3, 3);
        var (routes, routeTotal) = await audit.ListAsync(0, 50, "route.");

        Assert.Equal(7, total);
        Assert.Equal(["target-6", "target-5", "target-4"], first.Select(e => e.Target));
        Assert.Equal(["target-3", "target-2", "target-1"], second.Select(e => e.Target));
        Assert.Equal(3, routeTotal);
        Assert.All(routes, e => Assert.Equal("route.update", e.Action));
        Assert.Equal("{\"n\":6}", first[0].Before);
        Assert.Equal("{\"n\":7}", first[0].After);
    }
}
