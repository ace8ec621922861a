using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Configuration;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Settings;

/// <summary>Bad settings get RFC 7807 field errors and change nothing.</summary>
public sealed class SettingsValidationTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Theory]
    [InlineData("smtp.relayHosts", "10.0.0.0/33")]
    [InlineData("smtp.relayHosts", "not-a-network")]
    [InlineData("smtp.maxMessageSize", "12 MB")]
    [InlineData("smtp.maxRecipients", "5")]
    [InlineData("delivery.maxAge", "forever")]
    [InlineData("hostname", "bad host")]
    [InlineData("no.such.setting", "1")]
    [InlineData("smtp.maxConnectionsPerIp", "0")]
    [InlineData("smtp.maxConnectionsPerIp", "5000")] // more than Smtp:MaxConnections (2000): a cross-field rule
    [InlineData("delivery.maxConnectionsPerSite", "1001")]
    [InlineData("delivery.maxAge", "31.00:00:00")]
    public async Task Invalid_value_gets_a_field_error_and_nothing_is_applied(string key, string value)
    {
        var client = factory.CreateAdminClient();
        var settings = factory.Services.GetRequiredService<IMtaSettings>();
        var before = settings.Current;

        // One good value and one bad one: the change is refused whole.
        var response = await client.PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string> { ["smtp.maxMessageSize"] = "2048", [key] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal([key], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Same(before, settings.Current);
        Assert.NotEqual(2048, factory.Services.GetRequiredService<IOptions<MtaOptions>>().Value.Smtp.MaxMessageSize);
    }

    [Fact]
    public async Task Every_bad_key_is_named_and_the_good_ones_are_not_applied()
    {
        var settings = factory.Services.GetRequiredService<IMtaSettings>();
        var before = settings.Current;

        var response = await factory.CreateAdminClient().PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string>
        {
            ["smtp.maxMessageSize"] = "100",        // below 1024 (a range rule)
            ["smtp.relayHosts"] = "10.0.0.0/8, bogus", // not a network
            ["smtp.maxRecipients"] = "many",        // not a number
            ["delivery.retryInterval"] = "00:05:00", // fine, but part of a refused change
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["smtp.maxMessageSize", "smtp.maxRecipients", "smtp.relayHosts"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("bogus", errors.GetProperty("smtp.relayHosts")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("1024", errors.GetProperty("smtp.maxMessageSize")[0].GetString(), StringComparison.Ordinal);
        Assert.Same(before, settings.Current);
        Assert.NotEqual(TimeSpan.FromMinutes(5), settings.Current.Delivery.RetryInterval);
    }

    [Fact]
    public async Task Retry_ceiling_below_the_first_interval_is_refused()
    {
        var response = await factory.CreateAdminClient().PutAsJsonAsync("/api/v1/settings",
            new Dictionary<string, string> { ["delivery.retryInterval"] = "01:00:00", ["delivery.maxRetryInterval"] = "00:10:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("delivery.maxRetryInterval", out _));
    }
}
