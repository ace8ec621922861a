using System.Buffers;
using System.Text;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Tests.Events;

public sealed class ReceptionHeaderReaderTests
{
    private static ReceptionHeaders Read(string message) => ReceptionHeaderReader.Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(message)));

    [Fact]
    public void Named_fields_are_unfolded_and_decoded_and_the_body_is_not_read()
    {
        var h = Read("DKIM-Signature: v=1; a=rsa-sha256; d=shop.example;\r\n\ts=s2026; h=from:to; b=abc\r\n" +
                     "Received: from client (127.0.0.1)\r\n\t(using TLSv1.3 TLS_AES_256_GCM_SHA384)\r\n\tby mta with ESMTPS id 1\r\n" +
                     "Subject: =?UTF-8?B?Q29tbWFuZGUgbsKwNDI=?=\r\n" +
                     "From: Shop <orders@shop.example>\r\nTo: Customer\r\n <customer@example.com>\r\nDate: Sun, 06 Dec 2026 20:00:00 +0000\r\n" +
                     "\r\nSubject: not a header\r\n");

        Assert.Equal("Commande n°42", h.Subject);
        Assert.Equal("Shop <orders@shop.example>", h.From);
        Assert.Equal("Customer <customer@example.com>", h.To);
        Assert.Equal("Sun, 06 Dec 2026 20:00:00 +0000", h.Date);
        Assert.Equal(["d=shop.example s=s2026"], h.DkimSignatures);
        Assert.Equal(["DKIM-Signature", "Received", "Subject", "From", "To", "Date"], h.Fields.Select(f => f.Name));
        Assert.Contains("(using TLSv1.3 TLS_AES_256_GCM_SHA384)", h.Fields[1].Value, StringComparison.Ordinal);
        Assert.False(h.Truncated);
    }

    [Fact]
    public void Fields_past_the_cap_are_left_out_and_marked_truncated()
    {
        var sb = new StringBuilder("Subject: many\r\n");
        for (var i = 0; i < ReceptionHeaderReader.MaxFields + 20; i++) sb.Append("X-Field-").Append(i).Append(": value\r\n");
        sb.Append("From: late@example.com\r\n\r\nbody");

        var h = Read(sb.ToString());

        Assert.Equal(ReceptionHeaderReader.MaxFields, h.Fields.Count);
        Assert.True(h.Truncated);
        Assert.Equal("late@example.com", h.From); // the named fields are still found
    }

    [Fact]
    public void A_long_value_is_cut_at_998_characters_and_the_total_stays_bounded()
    {
        var big = new string('a', 5000);
        var sb = new StringBuilder();
        for (var i = 0; i < 20; i++) sb.Append("X-Big: ").Append(big).Append("\r\n");
        var h = Read(sb.Append("\r\n").ToString());

        Assert.All(h.Fields, f => Assert.True(f.Value.Length <= ReceptionHeaderReader.MaxValueChars));
        Assert.True(h.Fields.Sum(f => f.Name.Length + f.Value.Length) <= ReceptionHeaderReader.MaxTotalChars);
        Assert.True(h.Truncated);
    }

    [Fact]
    public void A_message_split_over_segments_reads_the_same()
    {
        var text = "Subject: split\r\nFrom: a@example.com\r\n\r\nbody";
        var bytes = Encoding.UTF8.GetBytes(text);
        var first = new Segment(bytes.AsMemory(0, 10));
        var last = first.Append(bytes.AsMemory(10));
        var h = ReceptionHeaderReader.Read(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.Equal("split", h.Subject);
        Assert.Equal("a@example.com", h.From);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
