using System.Text;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>RFC 5321 §4.5.3 limits, sequencing errors and timeouts.</summary>
public class SmtpSessionLimitsTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Fact]
    public async Task Declared_size_over_limit_returns_552()
    {
        var h = new SessionHarness(o => o.Smtp.MaxMessageSize = 1000);
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com> SIZE=1001", "MAIL FROM:<a@example.com> SIZE=1000"));
        Assert.Equal(["220 mx.test ESMTP ready", "250 EHLO", "552 5.3.4 Message size exceeds fixed maximum message size", "250 2.1.0 Sender ok"],
            SessionHarness.Replies(output));
    }

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.LineByLine)]
    public async Task Data_over_size_limit_is_read_to_end_then_refused_with_552(FeedMode mode)
    {
        var h = new SessionHarness(o => o.Smtp.MaxMessageSize = 100);
        var body = string.Concat(Enumerable.Repeat("0123456789012345678901234567890123456789\r\n", 5));
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + body + ".\r\nNOOP\r\n", mode);
        Assert.Equal(["552 5.3.4 Message size exceeds fixed maximum message size", "250 2.0.0 Ok"], SessionHarness.Replies(output)[^2..]);
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Bdat_over_size_limit_fails_the_transaction()
    {
        var h = new SessionHarness(o => o.Smtp.MaxMessageSize = 10);
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "BDAT 8") + "12345678" +
            "BDAT 8 LAST\r\n" + "12345678" + "NOOP\r\n");
        Assert.Equal(["250 2.0.0 8 octets received", "552 5.3.4 Message size exceeds fixed maximum message size", "250 2.0.0 Ok"],
            SessionHarness.Replies(output)[^3..]);
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Recipients_beyond_limit_get_452()
    {
        var h = new SessionHarness(o => o.Smtp.MaxRecipients = 2);
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>",
            "RCPT TO:<1@example.org>", "RCPT TO:<2@example.org>", "RCPT TO:<3@example.org>", "DATA", "x", "."));
        Assert.Equal(["250 2.1.5 Recipient ok", "250 2.1.5 Recipient ok", "452 4.5.3 Too many recipients",
            "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok queued as Q1"], SessionHarness.Replies(output)[3..]);
        Assert.Equal(2, h.Sink.Single().Envelope.Recipients.Count);
    }

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.ByteByByte)]
    public async Task Bad_command_limit_sends_421_and_closes(FeedMode mode)
    {
        var h = new SessionHarness(o => o.Smtp.MaxBadCommands = 3);
        var output = await h.RunScriptAsync(Script("EHLO c.example", "FOO", "MAIL FROM:bad", "BAR", "NOOP"), mode);
        Assert.Equal(["220 mx.test ESMTP ready", "250 EHLO", "500 5.5.1 Command unrecognized",
            "501 5.1.7 Bad sender address syntax", "500 5.5.1 Command unrecognized",
            "421 4.7.0 Too many errors; closing connection"], SessionHarness.Replies(output));
    }

    [Fact]
    public async Task Command_line_over_512_octets_gets_500_5_5_2()
    {
        var h = new SessionHarness();
        // 510 + CRLF = 512 is fine; 511 + CRLF is one too many.
        var output = await h.RunScriptAsync(Script("EHLO c.example", "NOOP " + new string('x', 505), "NOOP " + new string('x', 506),
            "NOOP " + new string('x', 20000), "NOOP"));
        Assert.Equal(["250 2.0.0 Ok", "500 5.5.2 Line too long", "500 5.5.2 Line too long", "250 2.0.0 Ok"],
            SessionHarness.Replies(output)[2..]);
    }

    [Fact]
    public async Task Text_line_over_1000_octets_rejects_message_with_554_5_6_0()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            new string('a', 998), new string('b', 999), ".", "NOOP"));
        Assert.Equal(["554 5.6.0 Message has a line longer than 1000 octets (RFC 5321 section 4.5.3.1.6)", "250 2.0.0 Ok"],
            SessionHarness.Replies(output)[^2..]);
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Dot_stuffed_998_octet_line_is_within_the_limit_and_unstuffed()
    {
        // RFC 5321 §4.5.3.1.6: the leading dot duplicated for transparency does not count.
        var h = new SessionHarness();
        var line = "." + new string('d', 997);
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            "." + line, "..x" + new string('e', 997), ".", "NOOP"));
        Assert.StartsWith("554 5.6.0", SessionHarness.Replies(output)[^2]); // the second line is 999 octets after unstuffing
        h = new SessionHarness();
        output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            "." + line, ".", "NOOP"));
        Assert.StartsWith("250", SessionHarness.Replies(output)[^2]);
        var message = System.Text.Encoding.ASCII.GetString(Assert.Single(h.Sink.Messages).Content);
        Assert.Contains("\r\n" + line + "\r\n", message);
    }

    [Theory]
    [InlineData("RCPT TO:<b@example.org>", "503 5.5.1 Need MAIL command")]
    [InlineData("DATA", "503 5.5.1 Need MAIL command")]
    [InlineData("STARTTLS extra", "501 5.5.4 No parameters allowed")]
    [InlineData("VRFY someone", "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery")]
    [InlineData("VRFY", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("EXPN list", "502 5.5.1 Command not implemented")]
    [InlineData("XYZZY", "500 5.5.1 Command unrecognized")]
    [InlineData("NOOP anything", "250 2.0.0 Ok")]
    [InlineData("RSET x", "501 5.5.4 No parameters allowed")]
    [InlineData("HELP", "214 2.0.0 See RFC 5321")]
    [InlineData("EHLO bad_host!", "501 5.5.4 Syntax: EHLO domain-or-address-literal")]
    public async Task Single_command_after_ehlo_gets_expected_reply(string command, string expected)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", command));
        Assert.Equal(expected, SessionHarness.Replies(output)[^1]);
    }

    [Theory]
    [InlineData("MAIL FROM:<a@example.com>", "503 5.5.1 Send EHLO/HELO first")]
    [InlineData("AUTH PLAIN", "503 5.5.1 Send EHLO/HELO first")]
    [InlineData("NOOP", "250 2.0.0 Ok")]
    public async Task Commands_before_ehlo(string command, string expected)
    {
        var output = await new SessionHarness().RunScriptAsync(Script(command));
        Assert.Equal(expected, SessionHarness.Replies(output)[^1]);
    }

    [Fact]
    public async Task Helo_gets_plain_reply_and_received_says_smtp()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("HELO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "x", "."));
        Assert.Equal("250 mx.test", SessionHarness.Lines(output)[1]);
        Assert.Contains("with SMTP id", h.Sink.Single().Text);
    }

    [Fact]
    public async Task Idle_client_gets_421_4_4_2_after_command_timeout()
    {
        var h = new SessionHarness(o => o.Smtp.CommandTimeout = TimeSpan.FromMinutes(5));
        var (stream, session) = h.Start();
        var client = new TestClient(stream);
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO c.example"));
        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("250 2.0.0 Ok", await client.CommandAsync("NOOP")); // activity re-arms the timer
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("421 4.4.2 Timeout exceeded; closing connection", await client.ReadLineAsync());
        Assert.Null(await client.ReadLineAsync());
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Stopping_server_tells_idle_client_421_4_3_2()
    {
        var h = new SessionHarness();
        using var stopping = new CancellationTokenSource();
        var (stream, session) = h.Start(stopping: stopping.Token);
        var client = new TestClient(stream);
        await client.ReadReplyAsync();
        Assert.Equal("250 DSN", await client.CommandAsync("EHLO c.example"));
        stopping.Cancel();
        Assert.Equal("421 4.3.2 Service shutting down; closing connection", await client.ReadLineAsync());
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Sink_failure_becomes_451_and_session_continues()
    {
        var h = new SessionHarness();
        h.Sink.ForcedReply = new Appliance.Mta.Smtp.SmtpReply(451, "4.3.0", "spool full");
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "x", ".", "NOOP"));
        Assert.Equal(["451 4.3.0 spool full", "250 2.0.0 Ok"], SessionHarness.Replies(output)[^2..]);
    }

    [Fact]
    public async Task Connection_refused_by_limit_gets_421_4_7_0_greeting()
    {
        var h = new SessionHarness();
        var (c, s) = DuplexStream.CreatePair();
        var session = new SmtpSession(h.Context, SmtpListenerKind.Relay, s, new System.Net.IPEndPoint(SessionHarness.RelayIp, 1), refuse: true);
        var run = session.RunAsync(default, default);
        using var ms = new MemoryStream();
        await c.CopyToAsync(ms);
        await run;
        Assert.Equal("421 4.7.0 Too many connections; try again later\r\n", Encoding.ASCII.GetString(ms.ToArray()));
    }
}
