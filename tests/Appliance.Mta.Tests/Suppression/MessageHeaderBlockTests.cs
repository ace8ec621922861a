using System.Buffers;
using System.Text;
using Appliance.Mta.Reception;
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

    [Theory]
    [InlineData(5)]   // inside the first Received field
    [InlineData(40)]  // right after the first line, before its continuation
    [InlineData(41)]  // on the continuation's tab
    [InlineData(75)]  // in the second field
    public void A_message_in_several_segments_is_spliced_not_copied(int split)
    {
        var text = "Received: from c.example ([127.0.0.1])\r\n\tby mx.test with ESMTPSA id 1;\r\nReceived: from earlier\r\nSubject: s\r\n\r\nbody\r\n";
        var bytes = Encoding.ASCII.GetBytes(text);
        var content = LinkedSegment.Concat([new ReadOnlySequence<byte>(bytes.AsMemory(0, split)), new ReadOnlySequence<byte>(bytes.AsMemory(split))]);

        var result = MessageHeaderBlock.InsertAfterTrace(content, "X-Test: 1\r\n");

        Assert.Equal(text.Replace("Subject:", "X-Test: 1\r\nSubject:", StringComparison.Ordinal), Encoding.ASCII.GetString(result.ToArray()));
        // The original bytes are referenced, not copied: the last segment is the original array.
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(result.Slice(result.Length - 6).First, out var tail));
        Assert.Same(bytes, tail.Array);
    }
}
