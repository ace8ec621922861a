using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Tests.Smtp.Client;

public class ReplyClassifierTests
{
    [Theory]
    [InlineData(250, null, DeliveryVerdict.Delivered)]
    [InlineData(251, "2.1.5", DeliveryVerdict.Delivered)]
    [InlineData(450, "4.2.1", DeliveryVerdict.Transient)]
    [InlineData(421, "4.7.0", DeliveryVerdict.Transient)]
    [InlineData(451, "5.7.1", DeliveryVerdict.Transient)]  // class mismatch: the basic code wins
    [InlineData(550, "5.1.1", DeliveryVerdict.Permanent)]
    [InlineData(554, "5.7.1", DeliveryVerdict.Permanent)]
    [InlineData(550, "4.2.2", DeliveryVerdict.Permanent)]  // class mismatch: the basic code wins
    [InlineData(556, "5.1.10", DeliveryVerdict.Permanent)]
    [InlineData(354, null, DeliveryVerdict.Transient)]
    public void Basic_code_decides(int code, string? enhanced, DeliveryVerdict expected)
    {
        var reply = new SmtpReply(code, enhanced is null ? null : EnhancedStatusCode.Parse(enhanced), ["text"]);

        Assert.Equal(expected, ReplyClassifier.Classify(reply));
    }

    [Fact]
    public void Ehlo_capabilities_are_parsed_case_insensitively()
    {
        var reply = new SmtpReply(250, null, ["mx.test", "pipelining", "SIZE 1000", "8BITMIME", "AUTH=LOGIN", "AUTH PLAIN LOGIN", "STARTTLS", "DSN"]);

        var caps = EhloCapabilities.Parse(reply);

        Assert.True(caps.Pipelining);
        Assert.Equal(1000, caps.Size);
        Assert.True(caps.EightBitMime);
        Assert.True(caps.StartTls);
        Assert.True(caps.Dsn);
        Assert.False(caps.SmtpUtf8);
        Assert.Contains("PLAIN", caps.AuthMechanisms);
        Assert.Contains("LOGIN", caps.AuthMechanisms);
    }
}
