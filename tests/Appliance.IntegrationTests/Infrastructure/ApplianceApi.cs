using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>The admin REST API (/api/v1) with the bootstrap bearer key.</summary>
public sealed class ApplianceApi : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client for http://<paramref name="address"/>:<paramref name="port"/>.</summary>
    public ApplianceApi(int port, string apiKey, string address = "127.0.0.1")
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://{address}:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>The underlying client, for calls the helpers don't cover.</summary>
    public HttpClient Http => _http;

    /// <summary>POST /api/v1/tenants; returns the new tenant's id.</summary>
    public async Task<string> CreateTenantAsync(string name)
    {
        var body = await SendAsync(HttpMethod.Post, "api/v1/tenants", new { name }, HttpStatusCode.Created);
        using var doc = JsonDocument.Parse(body);
        var id = doc.RootElement.GetProperty("id");
        return id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
    }

    /// <summary>POST /api/v1/tenants/{id}/smtp-credentials.</summary>
    public Task CreateSmtpCredentialAsync(string tenantId, string username, string password) =>
        SendAsync(HttpMethod.Post, $"api/v1/tenants/{tenantId}/smtp-credentials", new { username, password }, HttpStatusCode.Created);

    /// <summary>POST /api/v1/routes ("*" or a domain to host:port).</summary>
    public Task AddRouteAsync(string domain, string host, int port) =>
        SendAsync(HttpMethod.Post, "api/v1/routes", new { domain, host, port }, null);

    /// <summary>GET /api/v1/queues.</summary>
    public async Task<QueueSnapshot> GetQueuesAsync() =>
        QueueSnapshot.Parse(await SendAsync(HttpMethod.Get, "api/v1/queues", null, HttpStatusCode.OK));

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<string> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode? expected)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            req.Content = JsonContent.Create(body);
        }

        using var resp = await _http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        var ok = expected is { } e ? resp.StatusCode == e : resp.IsSuccessStatusCode;
        if (!ok)
        {
            throw new HttpRequestException(
                $"{method} /{path} -> {(int)resp.StatusCode} {resp.StatusCode} (expected {(expected is { } x ? ((int)x).ToString() : "2xx")}): {text}");
        }

        return text;
    }
}
