using System.Net;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Api;

public sealed class HealthEndpointTests(ApplianceFactory factory) : IClassFixture<ApplianceFactory>
{
    [Fact]
    public async Task Healthz_is_anonymous_and_follows_engine_readiness()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");

        var status = factory.Services.GetService<IMtaStatus>();
        var ready = status?.Ready == true;
        Assert.Equal(ready ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(ready, body.GetProperty("status").GetString() == "ok");
    }

    [Fact]
    public async Task Healthz_is_ok_when_the_engine_reports_ready()
    {
        using var ready = new ApplianceFactory { ConfigureServicesForTest = s => s.AddSingleton<IMtaStatus>(new FakeMtaStatus(true)) };
        using var notReady = new ApplianceFactory { ConfigureServicesForTest = s => s.AddSingleton<IMtaStatus>(new FakeMtaStatus(false)) };

        var ok = await ready.CreateClient().GetAsync("/healthz");
        var unavailable = await notReady.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("ok", (await ok.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
    }

    private sealed class FakeMtaStatus(bool ready) : IMtaStatus
    {
        public bool Ready => ready;

        public IReadOnlyDictionary<string, IPEndPoint> Listeners { get; } = new Dictionary<string, IPEndPoint>();
    }
}
