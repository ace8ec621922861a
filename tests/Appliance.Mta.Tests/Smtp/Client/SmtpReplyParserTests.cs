using System.Text;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Tests.Smtp.Client;

public class SmtpReplyParserTests
{
    [Theory]
    [InlineData("250 OK\r\n", 250, null, new[] { "OK" })]
    [InlineData("250\r\n", 250, null, new[] { "" })]
    [InlineData("550 5.1.1 User unknown\r\n", 550, "5.1.1", new[] { "User unknown" })]
    [InlineData("250-mx.test\r\n250-PIPELINING\r\n250 SIZE 100\r\n", 250, null, new[] { "mx.test", "PIPELINING", "SIZE 100" })]
    [InlineData("451-4.7.1 Greylisted\r\n451-4.7.1 try again\r\n451 4.7.1 later\r\n", 451, "4.7.1", new[] { "Greylisted", "try again", "later" })]
    [InlineData("421 4.3.2\r\n", 421, "4.3.2", new[] { "" })]
    [InlineData("250 OK bare LF\n", 250, null, new[] { "OK bare LF" })]
    [InlineData("550 5.7.1 Rejected: 1.2 is not a code\r\n", 550, "5.7.1", new[] { "Rejected: 1.2 is not a code" })]
    public void Parses_complete_replies(string wire, int code, string? enhanced, string[] lines)
    {
        var ok = SmtpReplyParser.TryParse(Encoding.UTF8.GetBytes(wire), out var reply, out var consumed);

        Assert.True(ok);
        Assert.Equal(Encoding.UTF8.GetByteCount(wire), consumed);
        Assert.Equal(code, reply!.Code);
        Assert.Equal(enhanced, reply.Enhanced?.ToString());
        Assert.Equal(lines, reply.Lines);
    }

    [Fact]
    public void Every_prefix_of_a_multiline_reply_is_incomplete_and_the_whole_parses()
    {
        var wire = Encoding.UTF8.GetBytes("250-mx.test\r\n250-8BITMIME\r\n250 DSN\r\n");
        for (var i = 0; i < wire.Length; i++)
        {
            Assert.False(SmtpReplyParser.TryParse(wire.AsSpan(0, i), out _, out var consumed));
            Assert.Equal(0, consumed);
        }
        Assert.True(SmtpReplyParser.TryParse(wire, out var reply, out _));
        Assert.Equal(3, reply!.Lines.Count);
    }

    [Fact]
    public void Pipelined_replies_in_one_buffer_are_parsed_one_at_a_time()
    {
        var wire = Encoding.UTF8.GetBytes("250 2.1.0 ok\r\n550 5.1.1 no\r\n354 go\r\n");

        Assert.True(SmtpReplyParser.TryParse(wire, out var first, out var c1));
        Assert.True(SmtpReplyParser.TryParse(wire.AsSpan(c1), out var second, out var c2));
        Assert.True(SmtpReplyParser.TryParse(wire.AsSpan(c1 + c2), out var third, out _));

        Assert.Equal([250, 550, 354], new[] { first!.Code, second!.Code, third!.Code });
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("25\r\n")]
    [InlineData("250xOK\r\n")]
    [InlineData("650 no such class\r\n")]
    [InlineData("250-first\r\n550 changed code\r\n")]
    public void Malformed_replies_are_protocol_errors(string wire)
    {
        Assert.Throws<SmtpProtocolException>(() => SmtpReplyParser.TryParse(Encoding.UTF8.GetBytes(wire), out _, out _));
    }
}
