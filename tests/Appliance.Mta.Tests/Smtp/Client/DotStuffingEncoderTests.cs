using System.Text;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Tests.Smtp.Client;

public class DotStuffingEncoderTests
{
    private static string Encode(string content, int chunk)
    {
        var input = Encoding.UTF8.GetBytes(content);
        var encoder = new DotStuffingEncoder();
        var output = new List<byte>();
        var buffer = new byte[chunk];
        int n;
        while ((n = encoder.Encode(input, buffer)) > 0) output.AddRange(buffer.AsSpan(0, n).ToArray());
        Assert.True(encoder.IsCompleted);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("Subject: x\r\n\r\nbody\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n")]
    [InlineData(".starts\r\n", "..starts\r\n.\r\n")]
    [InlineData("a\r\n.\r\n..two\r\nmid.dle\r\n", "a\r\n..\r\n...two\r\nmid.dle\r\n.\r\n")]
    [InlineData("no final newline", "no final newline\r\n.\r\n")]
    [InlineData("ends with bare LF\n", "ends with bare LF\n\r\n.\r\n")]
    [InlineData("bare\n.dot after LF\r\n", "bare\n..dot after LF\r\n.\r\n")]
    [InlineData("", ".\r\n")]
    [InlineData(".", "..\r\n.\r\n")]
    public void Stuffs_leading_dots_and_terminates(string content, string expected)
    {
        foreach (var chunk in new[] { 8, 9, 11, 64 * 1024 })
            Assert.Equal(expected, Encode(content, chunk));
    }

    [Fact]
    public void Large_content_in_small_chunks_equals_one_big_chunk()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2000; i++) sb.Append(i % 3 == 0 ? "." : "").Append("line ").Append(i).Append("\r\n");
        var content = sb.ToString();

        Assert.Equal(Encode(content, 1 << 20), Encode(content, 13));
        Assert.Equal(content.Replace("\r\n.", "\r\n..", StringComparison.Ordinal)[1..].Insert(0, "..") + ".\r\n", Encode(content, 4096));
    }
}
