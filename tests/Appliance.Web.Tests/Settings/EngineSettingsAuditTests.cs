using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Configuration;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Settings;

/// <summary>
/// Changed engine settings and their audit rows are stored in one transaction: when either write fails nothing is
/// stored and the engine keeps the previous snapshot.
/// </summary>
public sealed class EngineSettingsAuditTests
{
    [Theory]
    [InlineData("AuditLog")]
    [InlineData("Settings")]
    public async Task A_refused_write_stores_no_setting_no_audit_row_and_keeps_the_engine_snapshot(string refusedTable)
    {
        using var app = new ApplianceFactory();
        var client = app.CreateAdminClient();
        var before = app.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Smtp.MaxMessageSize;
        await RefusedWrites.RefuseAsync(app, refusedTable);

        var response = await client.PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string>
        {
            ["smtp.maxMessageSize"] = (before + 4096).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["delivery.retryInterval"] = "00:07:00",
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, app.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Smtp.MaxMessageSize);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Settings.AnyAsync(s => s.Key.Contains("maxMessageSize") || s.Key.Contains("retryInterval")));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "settings.update"));
    }
}
