using Appliance.Mta.Smtp;

namespace Appliance.Mta.Tests.Smtp;

/// <summary>RFC 3461 §4 xtext, the one codec used by server, client and DSN composer.</summary>
public class XtextTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a+b=c d", "a+2Bb+3Dc+20d")]
    [InlineData("é", "+C3+A9")]
    [InlineData("rfc822;user@example.org", "rfc822;user@example.org")]
    [InlineData("\t~!", "+09~!")]
    public void Encode_and_decode_round_trip(string value, string encoded)
    {
        Assert.Equal(encoded, Xtext.Encode(value));
        Assert.True(Xtext.TryDecode(encoded, out var decoded));
        Assert.Equal(value, decoded);
        Assert.Equal(value, Xtext.DecodeOrKeep(encoded));
    }

    [Fact]
    public void Every_octet_round_trips()
    {
        var all = new string(Enumerable.Range(1, 127).Select(i => (char)i).ToArray()) + "日本語";
        var encoded = Xtext.Encode(all);
        Assert.True(Xtext.IsValid(encoded));
        Assert.True(Xtext.TryDecode(encoded, out var decoded));
        Assert.Equal(all, decoded);
    }

    [Theory]
    [InlineData("abc", true, "abc")]
    [InlineData("a+2Bb", true, "a+b")]
    [InlineData("+3D+2B", true, "=+")]
    [InlineData("a=b", false, "")]
    [InlineData("a+2", false, "")]
    [InlineData("a+", false, "")]
    [InlineData("a+ZZ", false, "")]
    [InlineData("a+2b", false, "")] // RFC 3461 §4: hexchar digits are upper case
    [InlineData("a b", false, "")]
    [InlineData("a\u00e9", false, "")]
    [InlineData("", false, "")]
    public void Strict_decoding(string input, bool ok, string expected)
    {
        Assert.Equal(ok, Xtext.TryDecode(input, out var decoded));
        Assert.Equal(expected, decoded);
        Assert.Equal(ok, Xtext.IsValid(input));
    }

    [Theory]
    [InlineData("a+ZZ")]
    [InlineData("a+2")]
    [InlineData("a=b")]
    public void Malformed_xtext_is_kept_unchanged_for_display(string input)
    {
        Assert.Equal(input, Xtext.DecodeOrKeep(input));
    }

    [Fact]
    public void Long_input_decodes_past_the_stack_buffer()
    {
        var value = new string('x', 300) + "+2B";
        Assert.True(Xtext.TryDecode(value, out var decoded));
        Assert.Equal(new string('x', 300) + "+", decoded);
    }
}
