using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// A "remote" web server on 127.0.0.1 (free port) that records every request it gets, whatever the method and path,
/// and answers a 1x1 GIF: what a tracking pixel or a form target in a previewed mail would reach.
/// </summary>
public sealed class HitCounter : IAsyncDisposable
{
    private static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
    private readonly WebApplication _app;

    private HitCounter(WebApplication app) => _app = app;

    /// <summary>"METHOD path" of every request, in arrival order.</summary>
    public ConcurrentQueue<string> Hits { get; } = new();

    /// <summary>e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<HitCounter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var counter = new HitCounter(app);
        app.Run(async http =>
        {
            counter.Hits.Enqueue(http.Request.Method + " " + http.Request.Path);
            http.Response.ContentType = "image/gif";
            await http.Response.Body.WriteAsync(Gif);
        });
        await app.StartAsync();
        counter.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return counter;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
