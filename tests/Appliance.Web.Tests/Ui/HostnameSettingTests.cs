using Appliance.Mta.Configuration;
using Appliance.Web.Data.Entities;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Ui;

public sealed class HostnameSettingTests
{
    [Fact]
    public async Task Stored_hostname_reaches_the_engine_options_at_once_and_after_a_restart()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-hostname-").FullName;
        try
        {
            using (var app = ApplianceFactory.WithSettings(new() { ["Appliance:Hostname"] = "configured.example" }, dataDir))
            {
                var options = app.Services.GetRequiredService<IOptions<MtaOptions>>().Value;
                Assert.Equal("configured.example", options.Hostname);

                await app.Services.GetRequiredService<SettingsService>().SetAsync(SettingKeys.Hostname, "mx1.example.net");

                Assert.Equal("mx1.example.net", options.Hostname);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            using (var restarted = ApplianceFactory.WithSettings(new() { ["Appliance:Hostname"] = "configured.example" }, dataDir))
            {
                Assert.Equal("mx1.example.net", restarted.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Hostname);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
