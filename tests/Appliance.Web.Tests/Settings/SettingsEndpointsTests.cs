using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Configuration;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Settings;

/// <summary>PUT /api/v1/settings validates everything first, then applies to the live engine options, stores and audits.</summary>
public sealed class SettingsEndpointsTests
{
    [Fact]
    public async Task Valid_change_applies_to_the_running_engine_is_stored_audited_and_survives_a_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "appliance-settings-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var factory = ApplianceFactory.WithSettings([], dataDir))
        {
            var client = factory.CreateAdminClient();
            var response = await client.PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string>
            {
                ["smtp.relayHosts"] = "10.1.0.0/16, 2001:db8::/32",
                ["smtp.maxMessageSize"] = "1048576",
                ["delivery.retryInterval"] = "00:02:00",
            });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var live = factory.Services.GetRequiredService<IOptions<MtaOptions>>().Value;
            Assert.Equal(["10.1.0.0/16", "2001:db8::/32"], live.Smtp.RelayHosts);
            Assert.Equal(1048576, live.Smtp.MaxMessageSize);
            Assert.Equal(TimeSpan.FromMinutes(2), live.Delivery.RetryInterval);
            var listed = await (await client.GetAsync("/api/v1/settings")).ReadJsonAsync();
            var relay = Assert.Single(listed.EnumerateArray(), e => e.GetProperty("key").GetString() == "smtp.relayHosts");
            Assert.Equal("stored", relay.GetProperty("source").GetString());
            await using var db = factory.CreateDbContext();
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "settings.update" && a.Target == "smtp.maxMessageSize"));
        }

        // A new process on the same data folder starts with the stored values, not the configuration's.
        await using (var restarted = ApplianceFactory.WithSettings([], dataDir))
        {
            _ = restarted.CreateAdminClient();
            var live = restarted.Services.GetRequiredService<IOptions<MtaOptions>>().Value;
            Assert.Equal(1048576, live.Smtp.MaxMessageSize);
            Assert.Equal(["10.1.0.0/16", "2001:db8::/32"], live.Smtp.RelayHosts);
        }
    }

    [Fact]
    public async Task Stored_values_valid_only_together_are_all_applied_at_the_next_start()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "appliance-settings-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var factory = ApplianceFactory.WithSettings([], dataDir))
        {
            // 10 h exceeds the configured ceiling (8 h) alone; with the new 12 h ceiling the pair is valid.
            var response = await factory.CreateAdminClient().PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string>
            {
                ["delivery.retryInterval"] = "10:00:00",
                ["delivery.maxRetryInterval"] = "12:00:00",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var restarted = ApplianceFactory.WithSettings([], dataDir);
        _ = restarted.CreateAdminClient();
        var delivery = restarted.Services.GetRequiredService<IMtaSettings>().Current.Delivery;
        Assert.Equal(TimeSpan.FromHours(10), delivery.RetryInterval);
        Assert.Equal(TimeSpan.FromHours(12), delivery.MaxRetryInterval);
    }
}
