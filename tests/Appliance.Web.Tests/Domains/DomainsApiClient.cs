using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Domains;

/// <summary>Calls of the domains API used by several tests.</summary>
public static class DomainsApiClient
{
    public static async Task<JsonElement> AddDomainAsync(this HttpClient client, string tenant, string name, string? algorithm = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name, algorithm });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> DomainAsync(this HttpClient client, string name)
    {
        var response = await client.GetAsync($"/api/v1/domains/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static IEnumerable<(string Selector, string Status, string Txt)> Selectors(this JsonElement domain) =>
        domain.GetProperty("selectors").EnumerateArray().Select(s =>
            (s.GetProperty("selector").GetString()!, s.GetProperty("status").GetString()!, s.GetProperty("txtRecord").GetString()!));

    public static string Phase(this JsonElement domain) => domain.GetProperty("rotation").GetProperty("phase").GetString()!;
}
