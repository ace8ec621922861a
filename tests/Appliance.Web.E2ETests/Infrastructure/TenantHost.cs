using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// The published host of the tenant tests (tenant users, the tenant view, message inspection): Production, from the
/// publish folder, with the admin and an admin API key created by the bootstrap configuration (no setup wizard), the
/// invitation links' public address set, and a catch-all route to a closed loopback port (127.0.0.1:9) so that no mail
/// leaves the machine and undelivered mail waits in the queue. Tests arrange state through the public API
/// (<see cref="Api"/>) and add routes for the domains they deliver to. The tests of one collection run one after another.
/// </summary>
public sealed class TenantHost : PublishedHost
{
    public const string ApiKey = "e2e-tenant-host-admin-key-0123456789ab";

    /// <summary>The invitation links' host; the tests open their paths on <see cref="ReadmeHost.BaseUrl"/>.</summary>
    public const string PublicBaseUrl = "https://panel.example.test";

    protected override IEnumerable<string> Switches =>
    [
        $"--Appliance:Bootstrap:AdminEmail={Users.AdminEmail}",
        $"--Appliance:Bootstrap:AdminPassword={Users.Password}",
        $"--Appliance:Bootstrap:ApiKey={ApiKey}",
        $"--Appliance:Invitations:PublicBaseUrl={PublicBaseUrl}",
        // Test receivers listen on loopback, which the outbound HTTP guard refuses by default.
        "--Appliance:OutboundHttp:AllowedNetworks:0=127.0.0.0/8",
    ];

    protected override bool WaitsForSetupLink => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var api = Api();
        var route = await api.PostAsJsonAsync("/api/v1/routes", new { domain = "*", host = "127.0.0.1", port = 9, tls = "disabled" });
        Assert.True(route.IsSuccessStatusCode, await route.Content.ReadAsStringAsync());
    }

    /// <summary>A client of the public API with the bootstrap admin key.</summary>
    public HttpClient Api()
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return api;
    }

    /// <summary>Creates a tenant through the API; its id.</summary>
    public async Task<string> TenantAsync(string name)
    {
        using var api = Api();
        var response = await api.PostAsJsonAsync("/api/v1/tenants", new { name });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
