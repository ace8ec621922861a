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
                var settings = app.Services.GetRequiredService<IMtaSettings>();
                var before = settings.Current;
                Assert.Equal("configured.example", before.Hostname);

                await app.Services.GetRequiredService<SettingsService>().SetAsync(SettingKeys.Hostname, "mx1.example.net");

                // A new snapshot is published (IOptions<MtaOptions>.Value reads it too); the old one is never changed.
                Assert.Equal("mx1.example.net", settings.Current.Hostname);
                Assert.Equal("mx1.example.net", app.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Hostname);
                Assert.Equal("configured.example", before.Hostname);
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
