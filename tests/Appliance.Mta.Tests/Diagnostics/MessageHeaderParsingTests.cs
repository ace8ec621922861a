using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class MessageHeaderParsingTests
{
    [Fact]
    public void Headers_end_at_the_blank_line_and_folded_lines_are_unfolded()
    {
        var content = Encoding.UTF8.GetBytes(
            "Received: from client\r\n\tby appliance; Sun, 29 Nov 2026 12:00:00 +0000\r\n" +
            "Subject: Héllo\r\n" +
            "X-Empty:\r\n" +
            "\r\n" +
            "Not-A-Header: body text\r\n");

        var headers = QueueLookup.ParseHeaders(content);

        Assert.Equal(
            [
                new HeaderField("Received", "from client\tby appliance; Sun, 29 Nov 2026 12:00:00 +0000"),
                new HeaderField("Subject", "Héllo"),
                new HeaderField("X-Empty", ""),
            ],
            headers);
    }

    [Fact]
    public void Bare_lf_line_endings_and_lines_without_a_colon_are_tolerated()
    {
        var headers = QueueLookup.ParseHeaders(Encoding.ASCII.GetBytes("From: a@example.com\ngarbage line\nTo: b@example.net\n\nbody"));

        Assert.Equal(["From", "To"], headers.Select(h => h.Name));
    }
}
