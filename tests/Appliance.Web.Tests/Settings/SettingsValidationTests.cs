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
    public async Task Invalid_value_gets_a_field_error_and_nothing_is_applied(string key, string value)
    {
        var client = factory.CreateAdminClient();
        var live = factory.Services.GetRequiredService<IOptions<MtaOptions>>().Value;
        var sizeBefore = live.Smtp.MaxMessageSize;

        var response = await client.PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string> { ["smtp.maxMessageSize"] = "2048", [key] = value });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(key, out _));
        Assert.Equal(sizeBefore, live.Smtp.MaxMessageSize);
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
