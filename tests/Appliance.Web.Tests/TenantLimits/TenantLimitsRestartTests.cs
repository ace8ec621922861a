using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>The sliding windows survive a restart: per-minute buckets are stored in SQLite and loaded at start.</summary>
public sealed class TenantLimitsRestartTests
{
    private static readonly DateTimeOffset Start = new(2031, 5, 10, 9, 40, 0, TimeSpan.Zero);

    private sealed class ClockFactory : ApplianceFactory
    {
        public ClockFactory(string dataDir, FakeTimeProvider time) : base(dataDir, []) =>
            ConfigureServicesForTest = s => s.AddSingleton<TimeProvider>(time);
    }

    private static Task<HttpResponseMessage> InjectAsync(HttpClient client, string tenant, int n) =>
        client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com",
            to = new[] { $"user{n}@example.net" },
            subject = $"limit {n}",
            text = "body",
            tenantId = tenant,
        });

    [Fact]
    public async Task A_restart_in_the_middle_of_the_window_keeps_the_count()
    {
        var dataDir = Directory.CreateTempSubdirectory("appliance-limits-restart-").FullName;
        var time = new FakeTimeProvider(Start);
        try
        {
            string tenant;
            using (var first = new ClockFactory(dataDir, time))
            {
                var client = first.CreateAdminClient();
                var created = await client.PostAsJsonAsync("/api/v1/tenants", new { name = "Restart " + Guid.NewGuid().ToString("N")[..6], hourlyMessageLimit = 2, dailyMessageLimit = 100 });
                tenant = (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
                Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 1)).StatusCode);
                Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 2)).StatusCode);
                Assert.Equal(HttpStatusCode.TooManyRequests, (await InjectAsync(client, tenant, 3)).StatusCode);
            } // graceful stop stores the buckets
            SqliteConnection.ClearAllPools();

            // 20 minutes later (past the clock hour at 10:00, which a fixed window would have reset), after a restart.
            time.SetUtcNow(Start.AddMinutes(25));
            using (var second = new ClockFactory(dataDir, time))
            {
                var client = second.CreateAdminClient();
                Assert.Equal(2, second.Services.GetRequiredService<TenantRateLimiter>().UsageOf(tenant).ThisHour);
                var refused = await InjectAsync(client, tenant, 4);
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal(TimeSpan.FromMinutes(35), refused.Headers.RetryAfter?.Delta);

                // Once the first two have left the last 60 minutes, mail is accepted again.
                time.SetUtcNow(Start.AddMinutes(61));
                Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 5)).StatusCode);
                Assert.Equal(1, second.Services.GetRequiredService<TenantRateLimiter>().UsageOf(tenant).ThisHour);
                Assert.Equal(3, second.Services.GetRequiredService<TenantRateLimiter>().UsageOf(tenant).Today);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
