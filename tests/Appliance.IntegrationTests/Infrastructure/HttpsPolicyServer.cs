using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 serving MTA-STS policies (RFC 8461 §3.3) by Host header:
/// GET /.well-known/mta-sts.txt → 200 text/plain with the body registered for that host, else 404.
/// </summary>
public sealed class HttpsPolicyServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Dictionary<string, string> _policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public HttpsPolicyServer(X509Certificate2 certificate) => _certificate = certificate;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Requests served, as "host path".</summary>
    public List<string> Requests { get; } = [];

    public HttpsPolicyServer Policy(string host, string body)
    {
        _policies[host] = body;
        return this;
    }

    public void Start()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var ssl = new SslStream(client.GetStream());
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate });
                using var reader = new StreamReader(ssl, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync() ?? "";
                string host = "";
                string? line;
                while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                {
                    if (line.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)) host = line[5..].Trim().Split(':')[0];
                }
                var path = requestLine.Split(' ').ElementAtOrDefault(1) ?? "";
                lock (Requests) Requests.Add($"{host} {path}");
                var found = path == "/.well-known/mta-sts.txt" && _policies.TryGetValue(host, out var body);
                var payload = Encoding.UTF8.GetBytes(found ? _policies[host] : "not found");
                var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/plain\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
                await ssl.WriteAsync(Encoding.ASCII.GetBytes(head));
                await ssl.WriteAsync(payload);
                await ssl.FlushAsync();
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException)
            {
                // A client that rejects our certificate hangs up during the handshake: that is a test outcome, not an error.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_loop is not null) await _loop;
        _stop.Dispose();
    }
}
