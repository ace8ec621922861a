using System.Net.Sockets;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using Microsoft.Extensions.Options;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>The per-IP AUTH lockout under parallel guessing: real loopback sockets, STARTTLS, 150 connections at once.</summary>
public class SmtpAuthLockoutConcurrencyTests
{
    private const int Limit = 5;
    private const int Parallel = 150;

    [Fact]
    public async Task Parallel_wrong_guesses_check_at_most_the_limit_and_the_right_password_is_then_refused()
    {
        var options = new MtaOptions { Hostname = "mx.test", DataDir = Path.GetTempPath() };
        options.Smtp.Relay = "";
        options.Smtp.Smtps = "";
        options.Smtp.Submission = "127.0.0.1:0";
        options.Smtp.AuthFailureLimit = Limit;
        options.Smtp.MaxConnectionsPerIp = Parallel + 10;
        var credentials = new CountingCredentialStore(new InMemoryCredentialStore().Add("alice", "secret-pw", "tenant-a"), TimeSpan.FromMilliseconds(100));
        var host = new SmtpServerHost(Options.Create(options), new RecordingMessageSink(), credentials, new ListEventSink(), TimeProvider.System,
            new ListLogger(), TestCertificate.Instance);
        await using var _ = host;
        await host.StartAsync(CancellationToken.None);
        var endpoint = host.Endpoints["submission"];

        // Every connection is ready for AUTH (greeting, EHLO, STARTTLS, EHLO) before any guess is sent.
        var clients = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(endpoint);
            var client = new TestClient(tcp.GetStream());
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO client.example");
            Assert.StartsWith("220", await client.CommandAsync("STARTTLS"));
            await client.StartTlsAsync();
            await client.CommandAsync("EHLO client.example");
            return client;
        }));
        try
        {
            var replies = await Task.WhenAll(clients.Select((c, i) => c.CommandAsync("AUTH PLAIN " + Base64($"\0alice\0wrong-{i}"))));

            Assert.Equal(Limit, credentials.Lookups); // only the reserved attempts reached the credential check
            Assert.Equal(Limit, replies.Count(r => r == "535 5.7.8 Authentication credentials invalid"));
            Assert.Equal(Parallel - Limit, replies.Count(r => r == "454 4.7.0 Too many failed authentications; try again later"));

            // Locked: even the right password is refused, without a check.
            Assert.Equal("454 4.7.0 Too many failed authentications; try again later",
                await clients[0].CommandAsync("AUTH PLAIN " + Base64("\0alice\0secret-pw")));
            Assert.Equal(Limit, credentials.Lookups);
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_success_gives_its_place_back()
    {
        var h = new SessionHarness(o => o.Smtp.AuthFailureLimit = 2);
        var good = "AUTH PLAIN " + Base64("\0alice\0secret-pw");
        var bad = "AUTH PLAIN " + Base64("\0alice\0nope");
        for (var i = 0; i < 4; i++)
            Assert.Equal("235 2.7.0 Authentication successful", Replies(await h.RunScriptAsync($"EHLO c.example\r\n{good}\r\n"))[^1]);
        var output = await h.RunScriptAsync($"EHLO c.example\r\n{bad}\r\n{bad}\r\n{bad}\r\n");
        Assert.Equal(["535 5.7.8 Authentication credentials invalid", "535 5.7.8 Authentication credentials invalid",
            "454 4.7.0 Too many failed authentications; try again later"], Replies(output)[2..]);
    }
}
