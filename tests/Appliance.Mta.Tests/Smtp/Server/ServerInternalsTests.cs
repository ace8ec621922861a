using Appliance.Mta.Configuration;
using System.Buffers;
using System.Net;
using System.Text;
using Appliance.Mta.Smtp.Server.Data;
using Appliance.Mta.Smtp.Server.Net;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>Unit tables for the CIDR matcher, the DATA reader and the header scanner.</summary>
public class ServerInternalsTests
{
    [Theory]
    [InlineData("127.0.0.0/8", "127.1.2.3", true)]
    [InlineData("127.0.0.0/8", "128.0.0.1", false)]
    [InlineData("192.0.2.0/25", "192.0.2.127", true)]
    [InlineData("192.0.2.0/25", "192.0.2.128", false)]
    [InlineData("10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.1", "10.0.0.2", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("::1/128", "::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("127.0.0.0/8", "::ffff:127.0.0.1", true)]  // IPv4-mapped IPv6
    [InlineData("::ffff:10.0.0.0/104", "10.9.9.9", true)]  // mapped prefix normalised to IPv4
    [InlineData("127.0.0.0/8", "::1", false)]
    public void Cidr_matching(string cidr, string ip, bool expected)
    {
        Assert.True(IpNetwork.TryParse(cidr, out var n));
        Assert.Equal(expected, n.Contains(IPAddress.Parse(ip)));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("nonsense")]
    [InlineData("::1/129")]
    [InlineData("10.0.0.0/-1")]
    public void Invalid_cidrs_are_refused(string cidr) => Assert.False(IpNetwork.TryParse(cidr, out _));

    [Theory]
    [InlineData("a\r\n.\r\n", true, "a\r\n", 0)]
    [InlineData(".\r\n", true, "", 0)]
    [InlineData("a\n.\nb\r\n.\r\n", true, "", 1)]
    [InlineData("a\n.\r\n", false, "", 1)] // LF . CRLF is not the end
    [InlineData("a\r\n.\n", false, "", 1)]
    [InlineData("a\r\n..\r\n.\r\n", true, "a\r\n.\r\n", 0)]
    [InlineData(". \r\n.\r\n", true, " \r\n", 0)]
    public void Data_reader_finds_only_the_real_end(string input, bool ends, string content, int violation)
    {
        var reader = new DataContentReader();
        reader.Reset(1_000_000);
        using var buffer = new MessageBuffer();
        var bytes = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input));
        Assert.Equal(ends, reader.Process(bytes, buffer, out _));
        Assert.Equal((ContentViolation)violation, reader.Violations);
        if (violation == 0) Assert.Equal(content, Encoding.ASCII.GetString(buffer.AsSequence().ToArray()));
    }

    [Fact]
    public void Message_buffer_spans_chunks_and_keeps_bytes()
    {
        using var buffer = new MessageBuffer();
        var data = new byte[100_000];
        new Random(5).NextBytes(data);
        for (var i = 0; i < data.Length; i += 777) buffer.Append(data.AsSpan(i, Math.Min(777, data.Length - i)));
        var seq = buffer.AsSequence();
        Assert.False(seq.IsSingleSegment);
        Assert.Equal(data, seq.ToArray());
    }

    [Fact]
    public void Header_scanner_only_reads_the_header_block_and_finds_removals()
    {
        var msg = "X-Campaign: c1\r\nmessage-id:  <id@x>\r\nX-Stream: s\r\n\tfolded\r\nSubject: x\r\n\r\nDate: not a header\r\n";
        var scan = new HeaderScan();
        HeaderScanner.Scan(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(msg)), scan);
        Assert.Equal("c1", scan.Campaign);
        Assert.Equal("s\tfolded", scan.Stream);
        Assert.Equal("id@x", scan.MessageId);
        Assert.False(scan.HasDate);
        Assert.Equal([(0L, 16L), (37L, 59L)], scan.Removals);
        var assembled = new MessageAssembler().Assemble("P\r\n"u8.ToArray(), new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(msg)), scan);
        Assert.Equal("P\r\nmessage-id:  <id@x>\r\nSubject: x\r\n\r\nDate: not a header\r\n", Encoding.ASCII.GetString(assembled.ToArray()));
    }

    [Fact]
    public void Chunk_checker_finds_bare_line_ends_across_chunk_boundaries()
    {
        var ok = new ChunkLineChecker();
        ok.Check("abc\r"u8);
        ok.Check("\ndef\r\n"u8);
        Assert.Equal(ContentViolation.None, ok.Violations);
        var bad = new ChunkLineChecker();
        bad.Check("abc\r"u8);
        bad.Check("x\r\n"u8);
        Assert.Equal(ContentViolation.BareLineEnding, bad.Violations);
    }

    [Fact]
    public void Data_reader_handles_lines_split_across_segments()
    {
        var input = Encoding.ASCII.GetBytes("Subject: split\r\n\r\n..dot\r\nbody line\r\n.\r\n");
        var chain = new SegmentChain();
        for (var i = 0; i < input.Length; i += 3) chain.Add(input.AsMemory(i, Math.Min(3, input.Length - i)));
        var reader = new DataContentReader();
        reader.Reset(1_000_000);
        using var buffer = new MessageBuffer();
        Assert.True(reader.Process(chain.Build(), buffer, out _));
        Assert.Equal(ContentViolation.None, reader.Violations);
        Assert.Equal("Subject: split\r\n\r\n.dot\r\nbody line\r\n", Encoding.ASCII.GetString(buffer.AsSequence().ToArray()));
    }
}
