using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Modules.Pools;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Tests.Pools;

/// <summary>A warmup attachment's change and its audit row are stored in one transaction: a refused audit row stores neither.</summary>
public sealed class WarmupAttachmentAuditTests : IDisposable
{
    private readonly ApplianceFactory _app = new();
    private readonly HttpClient _admin;

    public WarmupAttachmentAuditTests() => _admin = _app.CreateAdminClient();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_refused_audit_row_leaves_no_attachment()
    {
        var planId = await PrepareAsync("warmaudit1");
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        var attached = await _admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source = "warmaudit1", planId, startDate = "2031-03-01" });

        Assert.Equal(HttpStatusCode.InternalServerError, attached.StatusCode);
        await using var db = _app.CreateDbContext();
        Assert.False(await db.WarmupAttachments.AnyAsync());
    }

    [Fact]
    public async Task A_refused_audit_row_leaves_the_attachment_active_when_held()
    {
        var planId = await PrepareAsync("warmaudit2");
        var attached = await _admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source = "warmaudit2", planId, startDate = "2031-03-01" });
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var id = (await attached.ReadJsonAsync()).GetProperty("id").GetInt32();
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        var held = await _admin.PostAsync($"/api/v1/warmup/attachments/{id}/hold", null);

        Assert.Equal(HttpStatusCode.InternalServerError, held.StatusCode);
        await using var db = _app.CreateDbContext();
        Assert.Equal(WarmupState.Active, (await db.WarmupAttachments.SingleAsync(a => a.Id == id)).State);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "warmup-attachment.hold"));
    }

    /// <summary>An egress source to attach to; returns the eight-week template's id.</summary>
    private async Task<int> PrepareAsync(string source)
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = source, bindAddress = "127.0.0.4" })).StatusCode);
        var plans = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/plans");
        return plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == WarmupTemplates.EightWeekName).GetProperty("id").GetInt32();
    }
}
