using System.Text;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>
/// Content and pace a hostile client may send: NUL octets in text content (refused, never relayed) and Slowloris
/// transfers (one octet every few seconds) that the per-read data timeout alone would keep open for ever.
/// </summary>
public class SmtpSessionHostileInputTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private const string TooSlow = "421 4.4.2 Message transfer too slow: deadline exceeded; closing connection";

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.ByteByByte)]
    public async Task Nul_in_data_is_refused_with_554_5_6_0_and_nothing_is_queued(FeedMode mode)
    {
        var h = new SessionHarness();
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") +
            "Subject: x\r\n\r\nbefore\0after\r\n.\r\nNOOP\r\n", mode);
        var replies = SessionHarness.Replies(output);
        Assert.StartsWith("554 5.6.0 Message content has NUL octets", replies[^2], StringComparison.Ordinal);
        Assert.Equal("250 2.0.0 Ok", replies[^1]); // the session stays in step
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Nul_in_a_text_bdat_chunk_is_refused()
    {
        var h = new SessionHarness();
        const string chunk = "Subject: x\r\n\r\na\0b\r\n";
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", $"BDAT {chunk.Length} LAST") + chunk + "NOOP\r\n");
        Assert.StartsWith("554 5.6.0", SessionHarness.Replies(output)[^2], StringComparison.Ordinal);
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task Nul_in_binarymime_bdat_is_accepted_unchanged()
    {
        var h = new SessionHarness();
        const string chunk = "Subject: x\r\n\r\na\0b\r\n";
        var output = await h.RunScriptAsync(
            Script("EHLO c.example", "MAIL FROM:<a@example.com> BODY=BINARYMIME", "RCPT TO:<b@example.org>", $"BDAT {chunk.Length} LAST") + chunk);
        Assert.StartsWith("250 2.0.0 Ok queued", SessionHarness.Replies(output)[^1], StringComparison.Ordinal);
        Assert.Contains("a\0b", h.Sink.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trickled_data_is_cut_off_at_the_transfer_deadline()
    {
        var (h, client, session) = await StartTransactionAsync();
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);

        var elapsed = await TrickleUntilClosedAsync(h, client, "x", maxSteps: 100);

        // 3 minutes plus 2 ms per octet: cut off after 36-37 steps of 5 s, never kept open by the per-read timeout.
        Assert.InRange(elapsed, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        await session.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(h.Sink.Messages);
    }

    [Fact]
    public async Task A_huge_bdat_chunk_trickled_is_cut_off_too()
    {
        var (h, client, session) = await StartTransactionAsync();
        await client.SendAsync("BDAT 100000000 LAST\r\n");

        var elapsed = await TrickleUntilClosedAsync(h, client, "y", maxSteps: 100);

        Assert.InRange(elapsed, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_refused_bdat_chunk_outside_a_transaction_has_the_deadline_too()
    {
        var (h, client, session) = await StartTransactionAsync(mailAndRcpt: false);
        await client.SendAsync("BDAT 100000000\r\n"); // no MAIL: refused, but its octets must still be read

        var elapsed = await TrickleUntilClosedAsync(h, client, "z", maxSteps: 100);

        Assert.InRange(elapsed, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(10));
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_client_above_the_minimum_rate_is_never_cut_off()
    {
        var (h, client, session) = await StartTransactionAsync();
        await client.CommandAsync("DATA");
        var line = new string('x', 998) + "\r\n";
        // 5,000 octets every 5 s (1,000 octets/s, twice the minimum) for 6 minutes: twice the base time.
        for (var i = 0; i < 72; i++)
        {
            await client.SendAsync(string.Concat(Enumerable.Repeat(line, 5)));
            await Task.Delay(5);
            h.Time.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.StartsWith("250 2.0.0 Ok queued", await client.CommandAsync("."), StringComparison.Ordinal);
        Assert.Equal(360_000, h.Sink.Single().Text.Length - h.Sink.Single().Text.IndexOf("xxxx", StringComparison.Ordinal));
        await client.CommandAsync("QUIT");
        await session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A session with a 3-minute base and 500 octets/s: greeted, EHLO, and (unless told not to) MAIL and RCPT.</summary>
    private static async Task<(SessionHarness Harness, TestClient Client, Task Session)> StartTransactionAsync(bool mailAndRcpt = true)
    {
        var h = new SessionHarness(o => { o.Smtp.DataTimeout = TimeSpan.FromMinutes(3); o.Smtp.DataMinRate = 500; });
        var (stream, session) = h.Start();
        var client = new TestClient(stream);
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example");
        if (mailAndRcpt)
        {
            await client.CommandAsync("MAIL FROM:<a@example.com>");
            await client.CommandAsync("RCPT TO:<b@example.org>");
        }
        return (h, client, session);
    }

    /// <summary>Sends one octet, lets the session read it, moves the clock 5 s; returns the clock time when the
    /// transfer-deadline reply arrived.</summary>
    private static async Task<TimeSpan> TrickleUntilClosedAsync(SessionHarness h, TestClient client, string octet, int maxSteps)
    {
        var start = h.Time.GetUtcNow();
        var reply = client.ReadLineAsync();
        for (var i = 0; i < maxSteps && !reply.IsCompleted; i++)
        {
            await client.SendAsync(octet);
            await Task.Delay(10);
            h.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(reply, Task.Delay(10));
        }
        Assert.True(reply.IsCompleted, $"still open after {maxSteps * 5} s of trickled content");
        Assert.Equal(TooSlow, await reply);
        Assert.Null(await client.ReadLineAsync()); // and closed
        return h.Time.GetUtcNow() - start;
    }
}
