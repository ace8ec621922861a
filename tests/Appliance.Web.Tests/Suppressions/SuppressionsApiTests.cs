using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>/api/v1/suppressions over the real host: CSV import validation report, export, add/remove, tenant isolation,
/// HTTP injection refusing suppressed recipients, and forged unsubscribe tokens.</summary>
public sealed class SuppressionsApiTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;
    private readonly HttpClient _admin;

    public SuppressionsApiTests(ApplianceFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
    }

    [Fact]
    public async Task Csv_import_reports_rejected_lines_and_imports_the_rest()
    {
        var csv = "address,reason,scope,scope_key\n" +
                  "Import.One@Example.com,hardBounce,global,\n" +
                  "not-an-address,manual,global,\n" +
                  "import.two@example.com,complaint,tenant,default\n" +
                  "import.three@example.com,bogus,global,\n" +
                  "import.four@example.com,manual,tenant,\n";
        var response = await _admin.PostAsync("/api/v1/suppressions/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, report.RootElement.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("rejected").GetInt32());
        var lines = report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ToList();
        Assert.Equal([3, 5, 6], lines);

        var page = await SearchAsync(_admin, "import.");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var export = await _admin.GetStringAsync("/api/v1/suppressions/export");
        Assert.Contains("import.one@example.com,hardBounce,global,", export, StringComparison.Ordinal);
        Assert.Contains("import.two@example.com,complaint,tenant,default", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_and_remove_with_problem_details_for_bad_input()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/suppressions", new { address = "Manual@Example.org", scope = "global" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await SearchAsync(_admin, "manual@example.org")).GetProperty("total").GetInt32());

        var invalid = await _admin.PostAsJsonAsync("/api/v1/suppressions", new { address = "nope", scope = "galaxy" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/suppressions?address=manual@example.org&scope=global")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync("/api/v1/suppressions?address=manual@example.org&scope=global")).StatusCode);
        Assert.Equal(0, (await SearchAsync(_admin, "manual@example.org")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Tenant_scoped_key_sees_and_adds_only_its_tenant()
    {
        var tenant = await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = "supp-acme" });
        var tenantId = (await tenant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var keyResponse = await _admin.PostAsJsonAsync($"/api/v1/tenants/{tenantId}/api-keys", new { name = "k", role = "operator" });
        using var scoped = _factory.CreateClient();
        scoped.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        await _admin.PostAsJsonAsync("/api/v1/suppressions", new { address = "iso@example.com", scope = "global" });
        Assert.Equal(HttpStatusCode.Created, (await scoped.PostAsJsonAsync("/api/v1/suppressions", new { address = "iso@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await scoped.PostAsJsonAsync("/api/v1/suppressions", new { address = "iso2@example.com", scope = "global" })).StatusCode);

        var seen = await SearchAsync(scoped, "iso@example.com");
        var only = Assert.Single(seen.GetProperty("items").EnumerateArray());
        Assert.Equal(("tenant", tenantId), (only.GetProperty("scope").GetString(), only.GetProperty("scopeKey").GetString()));
        Assert.Equal(2, (await SearchAsync(_admin, "iso@example.com")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Http_injection_refuses_a_suppressed_recipient()
    {
        await _admin.PostAsJsonAsync("/api/v1/suppressions", new { address = "blocked@example.net", scope = "tenant", scopeKey = "default", reason = "complaint" });
        var response = await _admin.PostAsJsonAsync("/api/v1/messages",
            new { from = "a@example.com", to = new[] { "Blocked@example.net" }, subject = "x", text = "y", tenantId = "default" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("spam complaint", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_unsubscribe_token_is_refused_and_records_nothing()
    {
        using var anonymous = _factory.CreateClient();
        var forged = Convert.ToBase64String("default\nvictim@example.com"u8).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".AAAAAAAAAAAAAAAAAAAAAA";
        var response = await anonymous.PostAsync($"/unsubscribe/{forged}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/unsubscribe/{forged}")).StatusCode);
        Assert.Equal(0, (await SearchAsync(_admin, "victim@example.com")).GetProperty("total").GetInt32());
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string search)
    {
        var json = await client.GetStringAsync($"/api/v1/suppressions?search={Uri.EscapeDataString(search)}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
