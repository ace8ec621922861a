using System.Net.Sockets;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using Microsoft.Extensions.Options;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>The host on real loopback sockets: binding port 0, STARTTLS + AUTH + DATA, implicit TLS, limits, stop.</summary>
public class SmtpServerHostSocketTests
{
    private static (SmtpServerHost Host, RecordingMessageSink Sink) CreateHost(Action<MtaOptions>? configure = null)
    {
        var options = new MtaOptions { Hostname = "mx.test", DataDir = Path.GetTempPath() };
        options.Smtp.Relay = "127.0.0.1:0";
        options.Smtp.Submission = "127.0.0.1:0";
        options.Smtp.Smtps = "127.0.0.1:0";
        configure?.Invoke(options);
        var sink = new RecordingMessageSink();
        var credentials = new InMemoryCredentialStore().Add("alice", "secret-pw", "tenant-a");
        var host = new SmtpServerHost(Options.Create(options), sink, credentials, new ListEventSink(), TimeProvider.System,
            new ListLogger(), TestCertificate.Instance);
        return (host, sink);
    }

    private static async Task<TestClient> ConnectAsync(System.Net.IPEndPoint endpoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint);
        return new TestClient(tcp.GetStream());
    }

    [Fact]
    public async Task Submission_over_socket_with_starttls_and_auth_reaches_the_sink()
    {
        var (host, sink) = CreateHost();
        await using var _ = host;
        await host.StartAsync(CancellationToken.None);
        Assert.Equal(["relay", "smtps", "submission"], host.Endpoints.Keys.Order());
        Assert.All(host.Endpoints.Values, e => Assert.NotEqual(0, e.Port));

        await using var client = await ConnectAsync(host.Endpoints["submission"]);
        Assert.Equal("220 mx.test ESMTP ready", await client.ReadReplyAsync());
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO client.example"));
        Assert.Equal("220 2.0.0 Ready to start TLS", await client.CommandAsync("STARTTLS"));
        await client.StartTlsAsync();
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO client.example"));
        Assert.Equal("235 2.7.0 Authentication successful", await client.CommandAsync("AUTH PLAIN " + Base64("\0alice\0secret-pw")));
        // Pipelined envelope (RFC 2920): three replies in order.
        await client.SendAsync("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
        Assert.Equal("250 2.1.0 Sender ok", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 Recipient ok", await client.ReadReplyAsync());
        Assert.Equal("354 End data with <CR><LF>.<CR><LF>", await client.ReadReplyAsync());
        const string body = "Message-ID: <m1@client.example>\r\nDate: Tue, 01 Jul 2025 10:00:00 +0000\r\nSubject: socket\r\n\r\nHello over TLS\r\n";
        Assert.Equal("250 2.0.0 Ok queued as Q1", await client.CommandAsync(body + "."));
        Assert.Equal("221 2.0.0 Bye", await client.CommandAsync("QUIT"));

        var (env, text) = sink.Single();
        Assert.Equal("tenant-a", env.TenantId);
        Assert.Equal("127.0.0.1", env.ClientAddress);
        Assert.EndsWith("\r\n" + body, text);
        Assert.Equal(body, text[(text.IndexOf("\r\nMessage-ID", StringComparison.Ordinal) + 2)..]);
        await host.StopAsync(CancellationToken.None);
        Assert.Equal(0, host.OpenConnections);
    }

    [Fact]
    public async Task Smtps_listener_speaks_tls_immediately()
    {
        var (host, _) = CreateHost();
        await using var _h = host;
        await host.StartAsync(CancellationToken.None);
        await using var client = await ConnectAsync(host.Endpoints["smtps"]);
        await client.StartTlsAsync();
        Assert.Equal("220 mx.test ESMTP ready", await client.ReadReplyAsync());
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO client.example"));
    }

    [Fact]
    public async Task Connections_over_per_ip_limit_get_421_and_are_closed()
    {
        var (host, _) = CreateHost(o => o.Smtp.MaxConnectionsPerIp = 1);
        await using var _h = host;
        await host.StartAsync(CancellationToken.None);
        await using var first = await ConnectAsync(host.Endpoints["relay"]);
        Assert.Equal("220 mx.test ESMTP ready", await first.ReadReplyAsync());
        Assert.Equal(1, host.OpenConnections);
        await using var second = await ConnectAsync(host.Endpoints["relay"]);
        Assert.Equal("421 4.7.0 Too many connections; try again later", await second.ReadReplyAsync());
        Assert.Null(await second.ReadLineAsync());
        Assert.Equal("250 2.0.0 Ok", await first.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Stop_sends_421_to_idle_sessions_and_closes_listeners()
    {
        var (host, _) = CreateHost();
        await using var _h = host;
        await host.StartAsync(CancellationToken.None);
        var endpoint = host.Endpoints["relay"];
        await using var client = await ConnectAsync(endpoint);
        await client.ReadReplyAsync();
        await host.StopAsync(CancellationToken.None);
        Assert.Equal("421 4.3.2 Service shutting down; closing connection", await client.ReadLineAsync());
        using var late = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => late.ConnectAsync(endpoint));
    }

    [Fact]
    public async Task Stop_and_dispose_may_be_called_twice()
    {
        var (host, _) = CreateHost();
        await host.StartAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
        await host.StopAsync(CancellationToken.None);
        await host.DisposeAsync();
        await host.DisposeAsync();
        Assert.Equal(0, host.OpenConnections);
    }

    [Fact]
    public async Task Start_throws_when_a_port_is_taken()
    {
        using var blocker = new TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var (host, _) = CreateHost(o => { o.Smtp.Submission = ""; o.Smtp.Smtps = $"127.0.0.1:{port}"; });
        await using var _h = host;
        await Assert.ThrowsAnyAsync<SocketException>(() => host.StartAsync(CancellationToken.None));
        Assert.Empty(host.Endpoints);
    }

    [Fact]
    public void Self_signed_certificate_is_created_once_and_reused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smtpserver-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new MtaOptions { DataDir = dir, Hostname = "relay.example" };
            using var first = ServerCertificate.LoadOrCreate(options);
            Assert.True(File.Exists(Path.Combine(dir, "tls", "selfsigned.pfx")));
            Assert.True(first.HasPrivateKey);
            Assert.Equal("CN=relay.example", first.Subject);
            using var second = ServerCertificate.LoadOrCreate(options);
            Assert.Equal(first.Thumbprint, second.Thumbprint);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
