using System.Buffers;
using System.Text;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>Fields the appliance adds go below its own Received block, which stays on top (RFC 5321 §4.4).</summary>
public sealed class MessageHeaderBlockTests
{
    private static string Insert(string message, string fields) =>
        Encoding.UTF8.GetString(MessageHeaderBlock.InsertAfterTrace(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message)), fields).ToArray());

    [Fact]
    public void Goes_after_the_leading_folded_received_fields()
    {
        var message = "Received: from c.example ([127.0.0.1])\r\n\tby mx.test with ESMTPSA id 1;\r\n\tMon, 30 Nov 2026 00:42:42 +0000\r\nReceived: from earlier\r\nSubject: s\r\n\r\nbody\r\n";

        Assert.Equal("Received: from c.example ([127.0.0.1])\r\n\tby mx.test with ESMTPSA id 1;\r\n\tMon, 30 Nov 2026 00:42:42 +0000\r\nReceived: from earlier\r\nX-Test: 1\r\nSubject: s\r\n\r\nbody\r\n",
            Insert(message, "X-Test: 1\r\n"));
    }

    [Fact]
    public void Goes_on_top_when_the_message_does_not_start_with_received()
    {
        Assert.Equal("X-Test: 1\r\nSubject: s\r\nReceived: later\r\n\r\nbody", Insert("Subject: s\r\nReceived: later\r\n\r\nbody", "X-Test: 1\r\n"));
    }

    [Fact]
    public void A_received_field_without_line_end_is_not_split()
    {
        Assert.Equal("X-Test: 1\r\nReceived: truncated", Insert("Received: truncated", "X-Test: 1\r\n"));
    }
}
