using Appliance.Mta.Events;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>Scripted sessions over in-memory pipes, fed whole, per byte and per line; exact reply sequences.</summary>
public class SmtpSessionTranscriptTests
{
    public static TheoryData<FeedMode> Modes => new() { FeedMode.Whole, FeedMode.ByteByByte, FeedMode.LineByLine };

    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Simple_transaction_from_relay_host_is_accepted_and_sink_gets_bytes(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script(
            "EHLO client.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            "Subject: hi", "", "hello", ".", "QUIT"), mode);

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
             "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 Ok queued as Q1", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        var (env, text) = h.Sink.Single();
        Assert.Equal("a@example.com", env.MailFrom);
        Assert.Equal("b@example.org", Assert.Single(env.Recipients).Address);
        Assert.Equal("default", env.TenantId);
        Assert.Null(env.AuthUser);
        Assert.StartsWith("Received: from client.example ([127.0.0.1])\r\n\tby mx.test with ESMTP id ", text);
        Assert.Contains("\r\n\tfor <b@example.org>;\r\n\tTue, 01 Jul 2025 12:00:00 +0000\r\n", text);
        Assert.EndsWith("\r\nSubject: hi\r\n\r\nhello\r\n", text);
    }

    [Fact]
    public async Task Ehlo_advertises_extensions_without_auth_in_plaintext()
    {
        var h = new SessionHarness(withCertificate: true);
        var lines = SessionHarness.Lines(await h.RunScriptAsync(Script("EHLO c.example", "QUIT")));
        Assert.Equal(
            ["220 mx.test ESMTP ready", "250-mx.test", "250-PIPELINING", "250-SIZE 52428800", "250-8BITMIME", "250-SMTPUTF8",
             "250-ENHANCEDSTATUSCODES", "250-STARTTLS", "250-CHUNKING", "250-BINARYMIME", "250 DSN", "221 2.0.0 Bye"],
            lines);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Pipelined_transactions_with_rset_get_replies_in_order(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script(
            "EHLO c.example",
            "MAIL FROM:<a@example.com>", "RCPT TO:<x@example.org>", "RSET",
            "MAIL FROM:<> BODY=8BITMIME", "RCPT TO:<y@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;y+2Bz@example.org",
            "RCPT TO:<z@example.org>", "DATA", "one", ".",
            "MAIL FROM:<c@example.com> ENVID=abc+2Bdef RET=HDRS", "RCPT TO:<w@example.net>", "DATA", "two", ".", "QUIT"), mode);

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok", "250 2.0.0 Reset state",
             "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok", "250 2.1.5 Recipient ok", "354 End data with <CR><LF>.<CR><LF>",
             "250 2.0.0 Ok queued as Q1", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok", "354 End data with <CR><LF>.<CR><LF>",
             "250 2.0.0 Ok queued as Q2", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        var messages = h.Sink.Messages.ToArray();
        Assert.Equal("", messages[0].Envelope.MailFrom);
        Assert.Equal(BodyType.EightBitMime, messages[0].Envelope.Body);
        Assert.Equal(DsnNotify.Failure | DsnNotify.Delay, messages[0].Envelope.Recipients[0].Notify);
        Assert.Equal("rfc822;y+2Bz@example.org", messages[0].Envelope.Recipients[0].ORcpt);
        Assert.Equal(2, messages[0].Envelope.Recipients.Count);
        Assert.Equal("abc+def", messages[1].Envelope.EnvId);
        Assert.Equal(DsnReturn.Headers, messages[1].Envelope.Ret);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Bdat_chunks_are_joined_and_last_chunk_gets_sink_reply(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "BDAT 12") +
            "Subject: x\r\n" + "BDAT 8 LAST\r\n" + "\r\nbody\r\n" + "QUIT\r\n", mode);

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
             "250 2.0.0 12 octets received", "250 2.0.0 Ok queued as Q1", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        Assert.EndsWith("\r\nSubject: x\r\n\r\nbody\r\n", h.Sink.Single().Text);
    }

    [Fact]
    public async Task Bdat_binarymime_passes_bare_line_ends_unchanged_and_data_is_refused()
    {
        var h = new SessionHarness();
        const string content = "Subject: b\r\n\r\n\x01\n.\n\r";
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com> BODY=BINARYMIME", "RCPT TO:<b@example.org>", "DATA",
                $"BDAT {content.Length} LAST") + content + "QUIT\r\n");

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
             "503 5.5.1 BODY=BINARYMIME requires BDAT", "250 2.0.0 Ok queued as Q1", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        var (env, text) = h.Sink.Single();
        Assert.Equal(BodyType.BinaryMime, env.Body);
        Assert.EndsWith(content, text);
    }

    [Fact]
    public async Task Bdat_out_of_sequence_still_consumes_its_chunk()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "BDAT 10") + "NOOP\r\nXXXX" + "NOOP\r\n");
        Assert.Equal(["220 mx.test ESMTP ready", "250 EHLO", "503 5.5.1 Need MAIL command", "250 2.0.0 Ok"],
            SessionHarness.Replies(output));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Relay_is_denied_for_client_outside_relay_hosts(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script(
            "EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "QUIT"), mode,
            client: SessionHarness.OutsideIp);

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "550 5.7.1 Relaying denied",
             "503 5.5.1 Need RCPT command", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        Assert.Empty(h.Sink.Messages);
        var e = Assert.Single(h.Events.Events);
        Assert.Equal(MtaEventType.Rejection, e.Type);
        Assert.Equal("b@example.org", e.Recipient);
        Assert.Equal(550, e.Code);
        Assert.Equal("5.7.1", e.EnhancedCode);
    }

    [Fact]
    public async Task Ipv4_mapped_ipv6_client_matches_ipv4_relay_hosts()
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>"),
            client: System.Net.IPAddress.Parse("::ffff:127.0.0.1"));
        Assert.Contains("250 2.1.5 Recipient ok", SessionHarness.Replies(output));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Smuggled_end_of_data_with_bare_lf_is_not_an_end_and_message_is_rejected(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") +
            "Subject: x\r\n\r\nhello\n.\r\nMAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\nsmuggled\r\n" +
            "also\n.\nstill-data\r\nand\r.\r\nmore\r\n.\r\nQUIT\r\n", mode);

        Assert.Equal(
            ["220 mx.test ESMTP ready", "250 EHLO", "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
             "354 End data with <CR><LF>.<CR><LF>",
             "550 5.6.11 Bare CR or LF in message data is not allowed; use CRLF", "221 2.0.0 Bye"],
            SessionHarness.Replies(output));
        Assert.Empty(h.Sink.Messages);
        Assert.Equal(MtaEventType.Rejection, Assert.Single(h.Events.Events).Type);
    }

    [Theory]
    [InlineData("line\rmore\r\n")]
    [InlineData("line\n")]
    [InlineData("\r.\r\n")]
    public async Task Bare_cr_or_lf_anywhere_rejects_the_message(string badLine)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + "ok\r\n" + badLine + "tail\r\n.\r\nNOOP\r\n");
        Assert.Equal("550 5.6.11 Bare CR or LF in message data is not allowed; use CRLF", SessionHarness.Replies(output)[^2]);
        Assert.Equal("250 2.0.0 Ok", SessionHarness.Replies(output)[^1]);
        Assert.Empty(h.Sink.Messages);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Dot_stuffing_is_removed(FeedMode mode)
    {
        var h = new SessionHarness();
        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            "Subject: dots", "", "..leading", ".x", "...", "..", ".", "QUIT"), mode);
        Assert.EndsWith("\r\nSubject: dots\r\n\r\n.leading\r\nx\r\n..\r\n.\r\n", h.Sink.Single().Text);
    }

    [Fact]
    public async Task Empty_data_is_accepted()
    {
        var h = new SessionHarness();
        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "."));
        Assert.EndsWith("+0000\r\n", h.Sink.Single().Text); // only the Received header
    }
}
