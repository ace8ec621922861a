using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Smtp.Client;
using static Appliance.Mta.Tests.Smtp.Client.ClientTestData;

namespace Appliance.Mta.Tests.Smtp.Client;

public sealed class SmtpClientTlsTests
{
    private const string EhloTls = "250-mx.test\r\n250-STARTTLS\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN";
    private const string EhloAfterTls = "250-mx.test\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN";
    private readonly X509Certificate2 _certificate = SelfSigned();

    [Fact]
    public async Task Opportunistic_starttls_accepts_a_self_signed_certificate_then_ehlos_again_and_authenticates()
    {
        await using var server = new ScriptedSmtpServer(
            [Greeting, EhloTls, "220 2.0.0 go ahead<tls>", EhloAfterTls, "235 2.7.0 ok", "<read:3>", "=250 ok", "=250 ok", "=354 go", "250 queued"],
            certificate: _certificate);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Opportunistic, user: "user", password: "pass"), default);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var connection = outcome.Connection!;
        var result = await connection.SendAsync(Message("x\r\n", "a@mx.test"), default);

        Assert.StartsWith("TLSv1.", connection.TlsDescription);
        Assert.StartsWith(
            "EHLO client.test\r\nSTARTTLS\r\nEHLO client.test\r\nAUTH PLAIN AHVzZXIAcGFzcw==\r\nMAIL FROM:<sender@client.test>\r\n",
            server.Received);
        Assert.Equal(250, Assert.Single(result.PerRecipient).Code);
    }

    [Fact]
    public async Task Required_tls_rejects_an_untrusted_certificate_as_transient()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloTls, "220 2.0.0 go ahead<tls>"], certificate: _certificate);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Required), default);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Permanent);
        Assert.Equal(4, outcome.Failure!.Enhanced!.Value.Class);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task Required_tls_without_starttls_offered_fails_transient()
    {
        await using var server = new ScriptedSmtpServer([Greeting, EhloFull]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Required), default);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Permanent);
        Assert.Equal("4.7.10", outcome.Failure!.Enhanced.ToString());
    }

    [Fact]
    public async Task Opportunistic_tls_whose_handshake_fails_is_retried_in_plaintext()
    {
        // No certificate: the server's handshake fails and it drops the link; the retry ignores STARTTLS.
        await using var server = new ScriptedSmtpServer([Greeting, EhloTls, "220 go ahead<tls>", Greeting, EhloTls]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Opportunistic), default);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var connection = outcome.Connection!;
        Assert.Null(connection.TlsDescription);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task Implicit_tls_validates_with_the_supplied_validator()
    {
        await using var server = new ScriptedSmtpServer(["<tls-now>", Greeting, EhloAfterTls], certificate: _certificate);
        var request = Request(server.EndPoint, TlsMode.Implicit) with
        {
            CertificateValidator = (_, cert, _, _) => cert?.Subject == "CN=mx.test",
        };

        var outcome = await SmtpClientConnection.ConnectAsync(request, default);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var connection = outcome.Connection!;
        Assert.NotNull(connection.TlsDescription);
        Assert.Equal("EHLO client.test\r\n", server.Received);
    }

    [Fact]
    public async Task Plaintext_auth_is_allowed_towards_a_loopback_peer()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "250-mx.test\r\n250 AUTH PLAIN", "235 2.7.0 ok"]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Disabled, user: "u", password: "p"), default);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var connection = outcome.Connection!;
        Assert.Equal("EHLO client.test\r\nAUTH PLAIN AHUAcA==\r\n", server.Received);
    }

    [Fact]
    public async Task Failed_auth_is_reported_transient()
    {
        await using var server = new ScriptedSmtpServer([Greeting, "250-mx.test\r\n250 AUTH LOGIN", "334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", "535 5.7.8 bad credentials"]);

        var outcome = await SmtpClientConnection.ConnectAsync(Request(server.EndPoint, TlsMode.Disabled, user: "user", password: "pass"), default);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Permanent);
        Assert.Equal(454, outcome.Failure!.Code);
        Assert.Contains("535 5.7.8 bad credentials", outcome.Failure.Text, StringComparison.Ordinal);
        Assert.StartsWith("EHLO client.test\r\nAUTH LOGIN\r\ndXNlcg==\r\ncGFzcw==\r\n", server.Received);
    }
}
