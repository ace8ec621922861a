using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Reports;

/// <summary>Calls of the reports API used by the tests.</summary>
public static class ReportsApi
{
    public static async Task<JsonElement> UploadAsync(this HttpClient client, byte[] content, string name, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await client.PostAsync($"/api/v1/reports?name={Uri.EscapeDataString(name)}", body);
        var json = await response.ReadJsonAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {json}");
        return json;
    }

    public static Task<JsonElement> UploadFileAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.UploadAsync(File.ReadAllBytes(path), Path.GetFileName(path), expected);

    public static async Task<JsonElement> DmarcAsync(this HttpClient client, string domain, string extra = "")
    {
        var response = await client.GetAsync($"/api/v1/reports/dmarc?domain={Uri.EscapeDataString(domain)}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> TlsAsync(this HttpClient client, string domain)
    {
        var response = await client.GetAsync($"/api/v1/reports/tls?domain={Uri.EscapeDataString(domain)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
