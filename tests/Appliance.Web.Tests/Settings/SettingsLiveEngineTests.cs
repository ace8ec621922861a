using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Settings;

/// <summary>
/// A change through PUT /api/v1/settings reaches the running engine without a restart: the SMTP server listens for
/// the published snapshot (relay hosts, message size, connection limit), and a session keeps the snapshot it started
/// with. The host name (banner, EHLO, certificate) is covered by <c>HostnameRenameTests</c>.
/// </summary>
public sealed class SettingsLiveEngineTests
{
    private static ApplianceFactory Factory() => ApplianceFactory.WithSettings(new()
    {
        ["Appliance:Hostname"] = "live.example.net",
        ["Appliance:Smtp:Relay"] = "127.0.0.1:0",
        // Loopback is not a relay host at first: a relayed RCPT from the test gets 550 5.7.1.
        ["Appliance:Smtp:RelayHosts"] = "192.0.2.0/24",
    });

    private static int RelayPort(ApplianceFactory factory) => factory.Services.GetRequiredService<IMtaStatus>().Listeners["relay"].Port;

    private static async Task PutAsync(ApplianceFactory factory, string key, string value)
    {
        var response = await factory.CreateAdminClient().PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string> { [key] = value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_new_relay_host_may_relay_on_the_next_connection_without_a_restart()
    {
        await using var factory = Factory();
        var port = RelayPort(factory);
        await using (var before = await SmtpConversation.OpenAsync(port))
        {
            await before.SendAsync("EHLO client.example");
            await before.SendAsync("MAIL FROM:<sender@example.org>");
            Assert.StartsWith("550 5.7.1", await before.SendAsync("RCPT TO:<someone@example.com>"), StringComparison.Ordinal);
        }

        await PutAsync(factory, "smtp.relayHosts", "127.0.0.0/8, ::1/128");

        await using var after = await SmtpConversation.OpenAsync(port);
        await after.SendAsync("EHLO client.example");
        await after.SendAsync("MAIL FROM:<sender@example.org>");
        Assert.StartsWith("250", await after.SendAsync("RCPT TO:<someone@example.com>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lowered_message_size_is_advertised_and_enforced_from_the_next_session_on()
    {
        await using var factory = Factory();
        var port = RelayPort(factory);
        await using var running = await SmtpConversation.OpenAsync(port);
        Assert.Contains("250-SIZE 52428800", await running.SendAsync("EHLO client.example"), StringComparison.Ordinal);

        await PutAsync(factory, "smtp.maxMessageSize", "2048");

        // RFC 1870: the next session advertises the new SIZE and refuses a larger declared size with 552 5.3.4.
        await using var next = await SmtpConversation.OpenAsync(port);
        Assert.Contains("250-SIZE 2048", await next.SendAsync("EHLO client.example"), StringComparison.Ordinal);
        Assert.StartsWith("552 5.3.4", await next.SendAsync("MAIL FROM:<sender@example.org> SIZE=4096"), StringComparison.Ordinal);
        // The session that was already open keeps the snapshot it started with: never a mix within one session.
        Assert.StartsWith("250", await running.SendAsync("MAIL FROM:<sender@example.org> SIZE=4096"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lowered_connection_limit_refuses_the_next_connection_from_the_same_ip()
    {
        await using var factory = Factory();
        var port = RelayPort(factory);
        await using (var a = await SmtpConversation.OpenAsync(port))
        await using (var b = await SmtpConversation.OpenAsync(port))
        {
            Assert.StartsWith("220 live.example.net", a.Banner, StringComparison.Ordinal);
            Assert.StartsWith("220 live.example.net", b.Banner, StringComparison.Ordinal);
        }

        await PutAsync(factory, "smtp.maxConnectionsPerIp", "1");

        // The two earlier sessions end asynchronously after the client closes: wait until their slots are free.
        var first = await SmtpConversation.OpenAsync(port);
        for (var i = 0; i < 100 && !first.Banner.StartsWith("220 ", StringComparison.Ordinal); i++)
        {
            await first.DisposeAsync();
            await Task.Delay(100);
            first = await SmtpConversation.OpenAsync(port);
        }
        await using var held = first;
        Assert.StartsWith("220 ", first.Banner, StringComparison.Ordinal);
        await using var second = await SmtpConversation.OpenAsync(port);
        Assert.StartsWith("421 4.7.0", second.Banner, StringComparison.Ordinal);
    }

    /// <summary>A line-by-line SMTP client over loopback: each command returns the whole (multi-line) reply.</summary>
    private sealed class SmtpConversation : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly StreamReader _reader;

        private SmtpConversation(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
            _reader = new StreamReader(_stream, Encoding.ASCII);
        }

        public string Banner { get; private set; } = "";

        public static async Task<SmtpConversation> OpenAsync(int port)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var conversation = new SmtpConversation(tcp);
            conversation.Banner = await conversation.ReplyAsync();
            return conversation;
        }

        public async Task<string> SendAsync(string command)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            return await ReplyAsync();
        }

        private async Task<string> ReplyAsync()
        {
            var lines = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Append(line).Append('\n');
                if (line.Length < 4 || line[3] != '-') break;
            }
            return lines.ToString();
        }

        public ValueTask DisposeAsync()
        {
            _tcp.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
