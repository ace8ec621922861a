using System.Text;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>Past Smtp:InMemoryMessageBytes a message streams to {DataDir}/tmp; the file is gone after every ending.</summary>
public sealed class SmtpSessionLargeMessageTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "large-msg-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    private string SpillDir => Path.Combine(_dataDir, "tmp");

    private SessionHarness Harness() => new(o =>
    {
        o.DataDir = _dataDir;
        o.Smtp.InMemoryMessageBytes = 8192;
    });

    private static string Body(int lines)
    {
        var sb = new StringBuilder("Subject: large\r\nMessage-ID: <l@c.example>\r\n\r\n");
        for (var i = 0; i < lines; i++) sb.Append("body line number ").Append(i).Append(" with some text\r\n");
        return sb.ToString();
    }

    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Theory]
    [InlineData(FeedMode.Whole)]
    [InlineData(FeedMode.LineByLine)]
    public async Task Data_beyond_the_in_memory_limit_streams_to_a_file_that_is_deleted_after_the_reply(FeedMode mode)
    {
        var h = Harness();
        var body = Body(10000); // ~370 KB
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA")
            + body + ".\r\nQUIT\r\n", mode);

        Assert.Equal("250 2.0.0 Ok queued as Q1", SessionHarness.Replies(output)[^2]);
        var spill = Assert.Single(h.Sink.Spills);
        Assert.True(spill.Existed);
        Assert.True(spill.HeadLength <= 8192 + 1024, $"head {spill.HeadLength}"); // the in-memory part (Received: added in front)
        Assert.StartsWith(SpillDir, spill.Path, StringComparison.Ordinal);
        Assert.EndsWith(body, h.Sink.Single().Text, StringComparison.Ordinal); // nothing lost or reordered
        Assert.Empty(Directory.GetFiles(SpillDir));
    }

    [Fact]
    public async Task Bdat_chunks_beyond_the_limit_stream_to_a_file()
    {
        var h = Harness();
        var body = Body(5000);
        var bytes = Encoding.ASCII.GetByteCount(body);
        var half = bytes / 2;
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", $"BDAT {half}")
            + body[..half] + $"BDAT {bytes - half} LAST\r\n" + body[half..] + "QUIT\r\n");

        Assert.Equal("250 2.0.0 Ok queued as Q1", SessionHarness.Replies(output)[^2]);
        Assert.Single(h.Sink.Spills);
        Assert.EndsWith(body, h.Sink.Single().Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(SpillDir));
    }

    [Fact]
    public async Task Disconnect_inside_data_deletes_the_file()
    {
        var h = Harness();
        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + Body(10000));

        Assert.Empty(h.Sink.Messages);
        Assert.True(Directory.Exists(SpillDir)); // it was used
        Assert.Empty(Directory.GetFiles(SpillDir));
    }

    [Fact]
    public async Task Refused_message_deletes_the_file()
    {
        var h = Harness();
        h.Sink.ForcedReply = new Appliance.Mta.Smtp.SmtpReply(554, "5.7.1", "no");
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA")
            + Body(10000) + ".\r\nQUIT\r\n");

        Assert.Equal("554 5.7.1 no", SessionHarness.Replies(output)[^2]);
        Assert.Empty(Directory.GetFiles(SpillDir));
    }

    [Fact]
    public async Task Unwritable_temporary_folder_gets_452_4_3_1_after_the_data_and_the_session_goes_on()
    {
        Directory.CreateDirectory(_dataDir);
        await File.WriteAllTextAsync(SpillDir, "a file where the folder should be"); // like a full or read-only disk
        var h = Harness();
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA")
            + Body(10000) + ".\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n" + Body(10) + ".\r\nQUIT\r\n");

        var replies = SessionHarness.Replies(output);
        Assert.Equal("452 4.3.1 Insufficient system storage, try again later", replies[5]);
        Assert.Equal("250 2.0.0 Ok queued as Q1", replies[^2]); // a small message still goes through
        Assert.Single(h.Sink.Messages);
    }

    [Fact]
    public async Task Small_message_stays_in_memory()
    {
        var h = Harness();
        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + Body(10) + ".\r\nQUIT\r\n");

        Assert.Single(h.Sink.Messages);
        Assert.Empty(h.Sink.Spills);
        Assert.False(Directory.Exists(SpillDir));
    }
}
