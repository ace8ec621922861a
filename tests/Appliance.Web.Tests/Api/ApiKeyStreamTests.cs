using System.Net;
using System.Net.Http.Json;
using Appliance.Web.Tests.Infrastructure;
using Appliance.Web.Tests.Monitoring;

namespace Appliance.Web.Tests.Api;

/// <summary>
/// An API key can carry a traffic stream (issue 5: "the stream comes from the credential, the API key, or an X-Stream
/// header"): mail injected with it belongs to that stream whatever the request says; without one the request's stream counts.
/// </summary>
public sealed class ApiKeyStreamTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeEngineFactory _factory;

    public ApiKeyStreamTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
    }

    [Fact]
    public async Task The_keys_stream_wins_over_the_requests_and_a_key_without_one_keeps_the_requests()
    {
        var admin = _factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync("Streams " + Guid.NewGuid().ToString("N")[..6]);
        var marketingKey = await CreateKeyAsync(admin, tenant, "marketing");
        var plainKey = await CreateKeyAsync(admin, tenant, null);

        var viaMarketing = await _factory.WithKey(marketingKey).PostAsJsonAsync("/api/v1/messages", Message("a@example.net", "transactional"));
        Assert.Equal(HttpStatusCode.Accepted, viaMarketing.StatusCode);
        var viaPlain = await _factory.WithKey(plainKey).PostAsJsonAsync("/api/v1/messages", Message("b@example.net", "transactional"));
        Assert.Equal(HttpStatusCode.Accepted, viaPlain.StatusCode);

        var accepted = _factory.Sink.Accepted.ToList();
        Assert.Equal("marketing", accepted.Single(a => a.Envelope.Recipients[0].Address == "a@example.net").Envelope.Stream);
        Assert.Equal("transactional", accepted.Single(a => a.Envelope.Recipients[0].Address == "b@example.net").Envelope.Stream);
        var listed = await admin.GetStringAsync($"/api/v1/tenants/{tenant}/api-keys");
        Assert.Contains("\"stream\":\"marketing\"", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stream_is_a_validation_problem()
    {
        var admin = _factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/tenants/default/api-keys", new { name = "k", role = "operator", stream = "bulk" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("stream", out _));
    }

    private static object Message(string to, string stream) => new { from = "app@example.com", to = new[] { to }, subject = "s", text = "t", stream };

    private static async Task<string> CreateKeyAsync(HttpClient admin, string tenant, string? stream)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/api-keys", new { name = "k-" + (stream ?? "none"), role = "operator", stream });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("key").GetString()!;
    }
}
