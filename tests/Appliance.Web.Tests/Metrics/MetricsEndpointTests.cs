using System.Net;
using System.Net.Http.Headers;
using Appliance.Mta.Events;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private const string Token = "scrape-token-0123456789";

    /// <summary>A host whose test requests come from <paramref name="remote"/> (the test server leaves the address empty).</summary>
    private static ApplianceFactory Factory(string? remote, string? allowed = null)
    {
        var settings = new Dictionary<string, string?> { ["Appliance:Metrics:Token"] = Token };
        if (allowed is not null) settings["Appliance:Metrics:AllowedNetworks"] = allowed;
        return new SettingsFactory(settings)
        {
            ConfigureServicesForTest = remote is null ? null : s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse(remote))),
        };
    }

    [Fact]
    public async Task Without_token_or_allowed_address_the_answer_is_403()
    {
        using var factory = Factory(remote: null);

        var anonymous = await factory.CreateClient().GetAsync("/metrics");
        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var wrongToken = await wrong.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
    }

    [Fact]
    public async Task The_token_opens_metrics_and_event_outcomes_appear_with_their_labels()
    {
        using var factory = Factory(remote: null);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..8];
        var sink = factory.Services.GetRequiredService<IEventSink>();
        for (var i = 0; i < 3; i++) sink.Write(new MtaEvent { Type = MtaEventType.Reception, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant });
        sink.Write(new MtaEvent { Type = MtaEventType.Bounce, Timestamp = DateTimeOffset.UtcNow, Tenant = tenant, Site = "mx.example.net", Category = Mta.Bounces.Classification.BounceCategory.InvalidRecipient });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, PrometheusText.Value(text, "appliance_mta_outcomes", ("outcome", "accepted"), ("tenant", tenant)));
        Assert.Equal(1, PrometheusText.Value(text, "appliance_mta_outcomes", ("outcome", "bounced"), ("tenant", tenant), ("category", "InvalidRecipient"), ("site", "mx.example.net")));
        Assert.Contains("appliance_mta_disk_free_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("appliance_mta_spool_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("appliance_mta_webhooks_backlog ", text, StringComparison.Ordinal);
        Assert.Contains("appliance_mta_mta_connections_inbound ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    [InlineData("::1", null, HttpStatusCode.OK)]
    [InlineData("192.0.2.10", null, HttpStatusCode.Forbidden)]
    [InlineData("192.0.2.10", "192.0.2.0/24", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", "192.0.2.0/24,10.0.0.0/8", HttpStatusCode.Forbidden)]
    public async Task Allowed_networks_decide_for_requests_without_a_token(string remote, string? allowed, HttpStatusCode expected)
    {
        using var factory = Factory(remote, allowed);

        var response = await factory.CreateClient().GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
    }

    private sealed class SettingsFactory(Dictionary<string, string?> settings) : ApplianceFactory(null, settings);

    private sealed class RemoteAddressFilter(IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = remote;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
