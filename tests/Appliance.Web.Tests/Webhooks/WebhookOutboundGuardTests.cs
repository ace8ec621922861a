using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Http;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Appliance.Web.Tests.Monitoring.MonitoringApi;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>
/// Webhooks cannot be pointed at the appliance or its private networks (issue 15 item 3): literal local hosts are
/// refused at create, names resolving to them are refused when connecting, and a tenant key never reads back what a
/// receiver answered.
/// </summary>
public sealed class WebhookOutboundGuardTests
{
    /// <summary>The base factory allows loopback for the test receivers; these blank entries remove that.</summary>
    private static readonly Dictionary<string, string?> NoAllowlist = new()
    {
        ["Appliance:OutboundHttp:AllowedNetworks:0"] = "",
        ["Appliance:OutboundHttp:AllowedNetworks:1"] = "",
    };

    [Fact]
    public async Task Without_an_allowlist_a_literal_local_host_is_refused_at_create_with_a_problem()
    {
        using var factory = ApplianceFactory.WithSettings(NoAllowlist);
        using var admin = factory.CreateAdminClient();
        string[] urls =
        [
            "http://127.0.0.5/hook", "http://2130706437/hook", "http://localhost:2525/hook", "http://[::1]/hook",
            "http://[::ffff:10.0.0.1]/hook", "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/hook", "http://100.64.0.1/hook",
        ];
        foreach (var url in urls)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url, eventTypes = new[] { "Delivery" } });

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, url);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var message = (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("url")[0].GetString();
            Assert.Contains("webhooks cannot reach it", message, StringComparison.Ordinal);
            Assert.Contains("AllowedNetworks", message, StringComparison.Ordinal);
        }
        var publicUrl = await admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url = "https://93.184.216.34/hook", eventTypes = new[] { "Delivery" } });
        Assert.Equal(HttpStatusCode.Created, publicUrl.StatusCode);
    }

    [Fact]
    public async Task Without_an_allowlist_a_name_resolving_to_loopback_is_refused_and_the_receiver_sees_nothing()
    {
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        using var factory = new GuardedFactory(NoAllowlist);
        using var admin = factory.CreateAdminClient();
        var url = new UriBuilder(receiver.Url) { Host = "receiver.example" }.Uri.ToString();
        var created = await admin.PostAsJsonAsync("/api/v1/tenants/default/webhooks", new { url, eventTypes = new[] { "Delivery" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();

        var result = await (await admin.PostAsync($"/api/v1/webhooks/{id}/test", null)).ReadJsonAsync();

        Assert.False(result.GetProperty("succeeded").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("statusCode").ValueKind);
        Assert.Contains("127.0.0.1 (loopback", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_tenant_key_sees_the_test_status_code_only_and_a_global_admin_the_excerpt()
    {
        await using var host = await WebhookTestHost.StartAsync([]);
        var tenant = await host.Admin.CreateTenantAsync("Hooks " + Guid.NewGuid().ToString("N")[..6]);
        var (id, _) = await host.CreateEndpointAsync(tenant, "Delivery");
        using var scoped = host.Factory.WithKey(await host.Admin.CreateKeyAsync(tenant, "admin"));

        var asTenant = await (await scoped.PostAsync($"/api/v1/webhooks/{id}/test", null)).ReadJsonAsync();
        var tenantLog = await (await scoped.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ReadJsonAsync();
        var asAdmin = await (await host.Admin.PostAsync($"/api/v1/webhooks/{id}/test", null)).ReadJsonAsync();
        var adminLog = await (await host.Admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).ReadJsonAsync();

        Assert.Equal(200, asTenant.GetProperty("statusCode").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, asTenant.GetProperty("responseExcerpt").ValueKind);
        Assert.All(tenantLog.EnumerateArray(), row => Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("responseExcerpt").ValueKind));
        Assert.Equal("ok", asAdmin.GetProperty("responseExcerpt").GetString());
        Assert.Contains(adminLog.EnumerateArray(), row => row.GetProperty("responseExcerpt").GetString() == "ok");
    }

    /// <summary>The host with a guard whose resolver answers 127.0.0.1 for every name (a rebinding attacker's DNS).</summary>
    private sealed class GuardedFactory : ApplianceFactory
    {
        public GuardedFactory(Dictionary<string, string?> settings) : base(null, settings) =>
            ConfigureServicesForTest = s => s.AddSingleton(new OutboundHttpGuard(new OutboundHttpOptions(),
                (_, _) => Task.FromResult<IReadOnlyList<IPAddress>>([IPAddress.Loopback])));
    }
}
