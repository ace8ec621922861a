using System.Net;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Api;

/// <summary>
/// /openapi/v1.json describes every operation well enough to use it from the reference page (issue 16): a summary, a
/// tag, the Bearer scheme and the 401/403 answers of key-protected operations; and the reference itself needs a login.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<ApplianceFactory>
{
    private readonly ApplianceFactory _factory;

    public OpenApiDocumentTests(ApplianceFactory factory) => _factory = factory;

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_and_the_bearer_scheme_when_it_needs_a_key()
    {
        using var doc = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var root = doc.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var problems = new List<string>();
        var count = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Name is "parameters" or "summary" or "description" or "servers") continue;
                count++;
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                if (!op.Value.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString())) problems.Add(name + ": no summary");
                if (!op.Value.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0) problems.Add(name + ": no tag");
                var responses = op.Value.GetProperty("responses");
                if (path.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
                {
                    if (!op.Value.TryGetProperty("security", out var security) || !security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)))
                        problems.Add(name + ": no Bearer security requirement");
                    if (!responses.TryGetProperty("401", out _) || !responses.TryGetProperty("403", out _)) problems.Add(name + ": no 401/403 answer");
                }
            }
        }
        Assert.True(count > 100, $"only {count} operations");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Problem_statuses_an_endpoint_can_return_are_documented()
    {
        using var doc = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var responses = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/tenants/{id}/api-keys").GetProperty("post").GetProperty("responses");
        Assert.True(responses.TryGetProperty("400", out var invalid));
        Assert.True(invalid.GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(responses.TryGetProperty("404", out _));
    }

    [Fact]
    public async Task The_api_reference_sends_anonymous_visitors_to_the_login_page()
    {
        // With an administrator, so the login page (not the setup wizard) is where anonymous visitors go.
        using var factory = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Bootstrap:AdminEmail"] = "admin@example.com",
            ["Appliance:Bootstrap:AdminPassword"] = "Str0ng!Passw0rd",
        });
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api-reference");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        // An API key is not a login for the panel's pages.
        var keyed = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        keyed.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApplianceFactory.AdminKey);
        Assert.NotEqual(HttpStatusCode.OK, (await keyed.GetAsync("/api-reference")).StatusCode);
    }
}
