using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>A small Kestrel app on 127.0.0.1 with a free port that records every POST and answers <see cref="Status"/>.</summary>
public sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status code of the next answer (default 200); may change between requests.</summary>
    public Func<int> Status { get; set; } = () => 200;

    public string Url { get; private set; } = "";

    /// <summary>Every event received, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Events => [.. Received.SelectMany(r => r.Events)];

    public static async Task<LoopbackWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new LoopbackWebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var ms = new MemoryStream();
            await http.Request.Body.CopyToAsync(ms);
            var status = receiver.Status();
            receiver.Received.Enqueue(new ReceivedWebhook(http.Request.Headers["X-Appliance-Signature"].ToString(), ms.ToArray(), status));
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(status == 200 ? "ok" : "receiver failure");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
