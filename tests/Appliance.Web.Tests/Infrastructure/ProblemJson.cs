using System.Net.Http.Json;
using System.Text.Json;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>Reads a response body as JSON for assertions on RFC 7807 problem details and API payloads.</summary>
public static class ProblemJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
