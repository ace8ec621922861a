using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Services.TenantLimits;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>Tenant limits through the API, with the real engine's reception pipeline and spool behind HTTP injection.</summary>
public sealed class TenantLimitsApiTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    private async Task<string> CreateTenantAsync(HttpClient client, int? hourly, int? daily)
    {
        var name = "Limited " + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsJsonAsync("/api/v1/tenants", new { name, hourlyMessageLimit = hourly, dailyMessageLimit = daily });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(hourly, body.GetProperty("hourlyMessageLimit").ValueKind == System.Text.Json.JsonValueKind.Null ? null : body.GetProperty("hourlyMessageLimit").GetInt32());
        return body.GetProperty("id").GetString()!;
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
    public async Task Injection_over_the_hourly_limit_gets_429_with_retry_after_and_a_raised_limit_applies_without_restart()
    {
        var client = factory.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: 2, daily: 100);
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 2)).StatusCode);

        var refused = await InjectAsync(client, tenant, 3);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.InRange(seconds ?? -1, 1, 3600);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("hour", problem.GetProperty("window").GetString());
        Assert.Equal(2, problem.GetProperty("limit").GetInt32());

        var update = await client.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = tenant, dsnEnabled = true, hourlyMessageLimit = 3, dailyMessageLimit = 100 });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await InjectAsync(client, tenant, 3)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await InjectAsync(client, tenant, 4)).StatusCode);
        Assert.Equal(3, factory.Services.GetRequiredService<TenantRateLimiter>().UsageOf(tenant).ThisHour);
    }

    [Fact]
    public async Task Per_recipient_batch_that_does_not_fit_is_refused_whole()
    {
        var client = factory.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: 2, daily: null);

        var response = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com",
            to = new[] { "a@example.net", "b@example.net", "c@example.net" },
            subject = "Hi {{recipient}}",
            text = "x",
            variables = new Dictionary<string, Dictionary<string, string>>(),
            tenantId = tenant,
        });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(0, factory.Services.GetRequiredService<TenantRateLimiter>().UsageOf(tenant).ThisHour);
    }

    [Theory]
    [InlineData(0, null, "hourlyMessageLimit")]
    [InlineData(null, -5, "dailyMessageLimit")]
    [InlineData(50, 10, "hourlyMessageLimit")]
    public async Task Bad_limits_are_400_problems_naming_the_field(int? hourly, int? daily, string field)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/api/v1/tenants",
            new { name = "Bad " + Guid.NewGuid().ToString("N")[..6], hourlyMessageLimit = hourly, dailyMessageLimit = daily });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Limit_change_is_audited_with_before_and_after()
    {
        var client = factory.CreateAdminClient();
        var tenant = await CreateTenantAsync(client, hourly: null, daily: null);

        await client.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { name = tenant, dsnEnabled = true, dailyMessageLimit = 500 });

        var audit = await client.GetStringAsync($"/api/v1/audit?search={tenant}");
        Assert.Contains("tenant.update", audit, StringComparison.Ordinal);
        Assert.Contains("500", audit, StringComparison.Ordinal);
    }
}
