using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>STARTTLS (RFC 3207), implicit TLS (RFC 8314), submission policy (RFC 6409) and header fix-ups, in memory.</summary>
public class SmtpSessionTlsTests
{
    private static async Task<TestClient> ConnectAsync(SessionHarness h, SmtpListenerKind kind, System.Net.IPAddress? ip = null)
    {
        var (stream, _) = h.Start(kind, ip ?? OutsideIp);
        var client = new TestClient(stream);
        if (kind == SmtpListenerKind.Smtps) await client.StartTlsAsync();
        Assert.Equal("220 mx.test ESMTP ready", await client.ReadReplyAsync());
        return client;
    }

    [Fact]
    public async Task Starttls_discards_pipelined_plaintext_and_resets_state()
    {
        var h = new SessionHarness(withCertificate: true);
        await using var client = await ConnectAsync(h, SmtpListenerKind.Relay);
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO c.example"));
        // Command injection attempt (CVE-2011-0411): the MAIL travels in the same packet as STARTTLS.
        Assert.Equal("220 2.0.0 Ready to start TLS", await client.CommandAsync("STARTTLS\r\nMAIL FROM:<evil@example.com>"));
        await client.StartTlsAsync();
        Assert.NotNull(client.Ssl);
        Assert.True(client.Ssl!.SslProtocol is System.Security.Authentication.SslProtocols.Tls12 or System.Security.Authentication.SslProtocols.Tls13);
        // State was discarded: MAIL needs a new EHLO, and the injected MAIL was never answered.
        Assert.Equal("503 5.5.1 Send EHLO/HELO first", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        await client.SendAsync("EHLO c.example\r\n");
        var lines = new List<string>();
        string line;
        do { line = (await client.ReadLineAsync())!; lines.Add(line); } while (line[3] == '-');
        Assert.Contains("250-AUTH PLAIN LOGIN SCRAM-SHA-256", lines);
        Assert.DoesNotContain("250-STARTTLS", lines);
        Assert.Equal("503 5.5.1 TLS already active", await client.CommandAsync("STARTTLS"));
    }

    [Fact]
    public async Task Submission_requires_tls_then_auth_and_auth_grants_relay()
    {
        var h = new SessionHarness(withCertificate: true);
        await using var client = await ConnectAsync(h, SmtpListenerKind.Submission);
        await client.CommandAsync("EHLO c.example");
        Assert.Equal("530 5.7.0 Must issue a STARTTLS command first", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("538 5.7.11 Encryption required for requested authentication mechanism",
            await client.CommandAsync("AUTH PLAIN " + Base64("\0alice\0secret-pw")));
        await client.CommandAsync("STARTTLS");
        await client.StartTlsAsync();
        await client.CommandAsync("EHLO c.example");
        Assert.Equal("530 5.7.0 Authentication required", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("235 2.7.0 Authentication successful", await client.CommandAsync("AUTH PLAIN " + Base64("\0alice\0secret-pw")));
        Assert.Equal("250 2.1.0 Sender ok", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("250 2.1.5 Recipient ok", await client.CommandAsync("RCPT TO:<b@example.org>")); // non-relay IP, authenticated
        Assert.Equal("354 End data with <CR><LF>.<CR><LF>", await client.CommandAsync("DATA"));
        Assert.Equal("250 2.0.0 Ok queued as Q1", await client.CommandAsync("Subject: s\r\n\r\nbody\r\n."));
        var (env, text) = h.Sink.Single();
        Assert.Equal("tenant-a", env.TenantId);
        Assert.Contains(" with ESMTPSA id ", text);
        Assert.Matches(@"\(using TLSv1\.[23] with cipher TLS_\w+\)", text);
        // RFC 6409 §8: Message-ID and Date added on submission.
        Assert.Matches(@"\r\nMessage-ID: <[0-9a-f]{32}@mx\.test>\r\nDate: Tue, 01 Jul 2025 12:00:00 \+0000\r\nSubject: s\r\n\r\nbody\r\n$", text);
        Assert.Matches(@"^[0-9a-f]{32}@mx\.test$", env.MessageIdHeader);
        Assert.Equal(2, h.Events.Events.Count); // the two refused MAIL commands
    }

    [Fact]
    public async Task Smtps_is_tls_from_the_first_byte_and_requires_auth()
    {
        var h = new SessionHarness(withCertificate: true);
        await using var client = await ConnectAsync(h, SmtpListenerKind.Smtps);
        await client.SendAsync("EHLO c.example\r\n");
        var lines = new List<string>();
        string line;
        do { line = (await client.ReadLineAsync())!; lines.Add(line); } while (line[3] == '-');
        Assert.Contains("250-AUTH PLAIN LOGIN SCRAM-SHA-256", lines);
        Assert.DoesNotContain("250-STARTTLS", lines);
        Assert.Equal("530 5.7.0 Authentication required", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("235 2.7.0 Authentication successful", await client.CommandAsync("AUTH PLAIN " + Base64("\0bob\0bob-pw")));
        Assert.Equal("250 2.1.0 Sender ok", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task Headers_are_captured_stripped_and_existing_message_id_kept()
    {
        var h = new SessionHarness();
        var content = "Message-ID: <abc@client.example>\r\nX-Campaign: spring-sale\r\nDate: Mon, 30 Jun 2025 10:00:00 +0000\r\n" +
                      "X-Stream:\r\n marketing\r\nSubject: s\r\n\r\nX-Campaign: in body stays\r\n";
        var output = await h.RunScriptAsync("EHLO c.example\r\nAUTH PLAIN " + Base64("\0bob\0bob-pw") +
            "\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n" + content + ".\r\n", kind: SmtpListenerKind.Submission);
        Assert.Equal("250 2.0.0 Ok queued as Q1", Replies(output)[^1]);
        var (env, text) = h.Sink.Single();
        Assert.Equal("abc@client.example", env.MessageIdHeader);
        Assert.Equal("spring-sale", env.Campaign);
        Assert.Equal("marketing", env.Stream); // bob's credential has no stream
        // Delivered = Received + submitted bytes minus the two fields; nothing else added or changed.
        var received = text[..(text.IndexOf("\r\nMessage-ID:", StringComparison.Ordinal) + 2)];
        Assert.StartsWith("Received: ", received);
        Assert.Equal("Message-ID: <abc@client.example>\r\nDate: Mon, 30 Jun 2025 10:00:00 +0000\r\nSubject: s\r\n\r\nX-Campaign: in body stays\r\n",
            text[received.Length..]);
    }

    [Fact]
    public async Task Relay_port_does_not_add_message_id_or_date()
    {
        var h = new SessionHarness();
        await h.RunScriptAsync("EHLO c.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nSubject: s\r\n\r\nb\r\n.\r\n");
        var (env, text) = h.Sink.Single();
        Assert.DoesNotContain("Message-ID", text);
        Assert.DoesNotContain("\r\nDate:", text);
        Assert.Null(env.MessageIdHeader);
    }
}
