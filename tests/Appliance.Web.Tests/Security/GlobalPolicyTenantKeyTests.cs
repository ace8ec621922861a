using System.Net;
using System.Net.Http.Json;
using System.Text;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// Issue 15: a tenant admin key must not change global policy. Bounce rules were open to it (a rule "." -> hard
/// InvalidRecipient turned every tenant's 451s permanent); each global-policy group answers a 403 problem and its
/// state stays as it was.
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class GlobalPolicyTenantKeyTests(AuthorizationWorld world)
{
    private HttpClient TenantAdmin => world.Clients[Caller.TenantAdmin];

    [Fact]
    public async Task A_tenant_admin_key_cannot_create_update_or_delete_bounce_rules()
    {
        var id = "keep-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await world.Admin.PostAsJsonAsync($"/api/v1/bounce-rules/{id}", new { pattern = id, category = "SpamContent" })).StatusCode);
        var before = await world.Admin.GetStringAsync("/api/v1/bounce-rules");
        var evil = new { pattern = ".", category = "InvalidRecipient", hard = true };

        await AssertForbiddenAsync(await TenantAdmin.PostAsJsonAsync("/api/v1/bounce-rules/everything-hard", evil));
        await AssertForbiddenAsync(await TenantAdmin.PutAsJsonAsync($"/api/v1/bounce-rules/{id}", evil));
        await AssertForbiddenAsync(await TenantAdmin.DeleteAsync($"/api/v1/bounce-rules/{id}"));

        Assert.Equal(before, await world.Admin.GetStringAsync("/api/v1/bounce-rules"));
    }

    public static TheoryData<string, string, string, string> GlobalPolicyWrites() => new()
    {
        // method, path, JSON body, the list that must stay unchanged
        { "POST", "/api/v1/shaping/overrides", """{"name":"evil","provider":"gmail","limits":{"maxConnections":1}}""", "/api/v1/shaping/overrides" },
        { "PUT", "/api/v1/shaping/overrides/{overrides}", """{"provider":"gmail","limits":{"maxConnections":1}}""", "/api/v1/shaping/overrides" },
        { "DELETE", "/api/v1/shaping/overrides/{overrides}", "", "/api/v1/shaping/overrides" },
        { "POST", "/api/v1/egress-sources", """{"name":"evil","bindAddress":"127.0.0.9"}""", "/api/v1/egress-sources" },
        { "DELETE", "/api/v1/egress-sources/{egress-sources}", "", "/api/v1/egress-sources" },
        { "PUT", "/api/v1/egress-settings", "{}", "/api/v1/egress-settings" },
        { "POST", "/api/v1/pools", """{"name":"evil","members":[{"source":"{egress-sources}","weight":1}]}""", "/api/v1/pools" },
        { "DELETE", "/api/v1/pools/{pools}", "", "/api/v1/pools" },
        { "POST", "/api/v1/pool-assignments", """{"stream":"marketing","pool":"{pools}"}""", "/api/v1/pool-assignments" },
        { "POST", "/api/v1/warmup/plans", """{"name":"evil","steps":[{"day":1,"dailyLimit":10}]}""", "/api/v1/warmup/plans" },
        { "POST", "/api/v1/routes", """{"domain":"*","host":"127.0.0.1","port":25}""", "/api/v1/routes" },
        { "DELETE", "/api/v1/routes/{routes}", "", "/api/v1/routes" },
        { "PUT", "/api/v1/settings", """{"Appliance:Smtp:MaxMessageSize":"1"}""", "/api/v1/settings" },
        { "PUT", "/api/v1/tls/certificate", """{"pfxBase64":"AAAA","password":"x"}""", "/api/v1/tls/certificate" },
        { "POST", "/api/v1/users", """{"email":"evil@example.com","password":"Str0ng!Passw0rd","role":"Admin"}""", "/api/v1/users" },
        { "DELETE", "/api/v1/users/{users}", "", "/api/v1/users" },
        { "POST", "/api/v1/reports/mailboxes", """{"name":"evil","host":"127.0.0.1","port":9,"username":"u","password":"p"}""", "/api/v1/reports/mailboxes" },
        { "DELETE", "/api/v1/reports/mailboxes/{mailboxes}", "", "/api/v1/reports/mailboxes" },
        { "POST", "/api/v1/tenants", """{"name":"Sneaky"}""", "/api/v1/tenants" },
        { "PUT", "/api/v1/tenants/{tenant-a}", """{"name":"Renamed"}""", "/api/v1/tenants" },
    };

    [Theory]
    [MemberData(nameof(GlobalPolicyWrites))]
    public async Task A_tenant_admin_key_cannot_change_global_policy(string method, string path, string body, string list)
    {
        var before = await world.Admin.GetStringAsync(list);
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body.Length > 0) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");

        await AssertForbiddenAsync(await TenantAdmin.SendAsync(request));

        Assert.Equal(before, await world.Admin.GetStringAsync(list));
    }

    [Fact]
    public async Task A_tenant_admin_key_cannot_upload_reports_or_download_a_backup()
    {
        var before = await world.Admin.GetStringAsync("/api/v1/reports/log");
        using var report = new ByteArrayContent(Reports.SyntheticReports.Aggregate("org.example", "evil", world.B.Domain, DateTimeOffset.UtcNow.AddDays(-1), "none"));
        report.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        await AssertForbiddenAsync(await TenantAdmin.PostAsync("/api/v1/reports?name=evil.xml", report));
        await AssertForbiddenAsync(await TenantAdmin.GetAsync("/api/v1/system/backup"));

        Assert.Equal(before, await world.Admin.GetStringAsync("/api/v1/reports/log"));
    }

    private string Fill(string text)
    {
        foreach (var (segment, value) in world.GlobalObjects) text = text.Replace("{" + segment + "}", value, StringComparison.Ordinal);
        return text.Replace("{tenant-a}", world.A.Tenant, StringComparison.Ordinal);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(403, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }
}
