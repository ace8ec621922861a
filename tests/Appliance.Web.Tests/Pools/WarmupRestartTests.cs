using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Pools.Warmup;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Pools;

/// <summary>A restart on the same day does not reopen the day's warmup budget: the persisted volume counts against the cap.</summary>
public sealed class WarmupRestartTests
{
    private static readonly DateTimeOffset T0 = new(2031, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task What_was_sent_before_a_restart_counts_against_todays_cap()
    {
        var clock = new FakeTimeProvider(T0);
        var dataDir = Directory.CreateTempSubdirectory("appliance-warmup-restart-").FullName;
        try
        {
            using (var first = new ClockedFactory(dataDir, clock))
            {
                var admin = first.CreateAdminClient();
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/egress-sources", new { name = "fresh", bindAddress = "127.0.0.7" })).StatusCode);
                var plans = await admin.GetFromJsonAsync<JsonElement>("/api/v1/warmup/plans");
                var planId = plans.EnumerateArray().Single(p => p.GetProperty("name").GetString() == WarmupTemplates.EightWeekName).GetProperty("id").GetInt32();
                Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/warmup/attachments", new { source = "fresh", planId })).StatusCode);
                first.Services.GetRequiredService<WarmupLimiter>().RecordSent("fresh", null, 150);
                await first.Services.GetRequiredService<WarmupRuntime>().TickAsync();
            }
            using var second = new ClockedFactory(dataDir, clock);
            _ = second.CreateAdminClient(); // starts the host: the start-up tick sets today's caps
            var limiter = second.Services.GetRequiredService<WarmupLimiter>();
            Assert.Equal(50, limiter.Caps.Single(c => c.Source == "fresh").DailyLimit);
            limiter.RecordSent("fresh", null, 40);
            await second.Services.GetRequiredService<WarmupRuntime>().TickAsync();
            var attachment = (await second.CreateAdminClient().GetFromJsonAsync<JsonElement>("/api/v1/warmup/attachments"))[0];
            Assert.Equal(190, attachment.GetProperty("sentToday").GetInt64());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed class ClockedFactory : ApplianceFactory
    {
        public ClockedFactory(string dataDir, TimeProvider clock) : base(dataDir, new Dictionary<string, string?>()) =>
            ConfigureServicesForTest = s => s.AddSingleton(clock);
    }
}
