using System.Collections.Concurrent;
using System.Net;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP receiver (System.Net.HttpListener on 127.0.0.1) that answers 200 to every POST and keeps each
/// request's body and headers, for the webhook scenarios.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private WebhookReceiver(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>One received POST.</summary>
    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>The URL of <paramref name="path"/> on this receiver.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    /// <summary>Every request so far, in arrival order.</summary>
    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static WebhookReceiver Start() => new(PortAllocator.Next());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            var headers = ctx.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(k => k, k => ctx.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new Request(ctx.Request.Url?.AbsolutePath ?? "", headers, body.ToArray()));
            ctx.Response.StatusCode = 200;
            ctx.Response.Close();
        }
    }
}
