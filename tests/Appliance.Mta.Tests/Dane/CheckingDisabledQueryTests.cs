using Appliance.Mta.Delivery.Dane;

namespace Appliance.Mta.Tests.Dane;

/// <summary>The raw query that tells a bogus answer from a plain SERVFAIL: RD and CD set (RFC 4035 §3.2.2), one question.</summary>
public sealed class CheckingDisabledQueryTests
{
    [Fact]
    public void Query_sets_recursion_desired_and_checking_disabled_and_encodes_the_question()
    {
        var q = DnsClientDnssecResolver.BuildQuery("mx.Example.org.", 52, 0xBEEF);

        Assert.Equal([0xBE, 0xEF, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0], q[..12]);
        Assert.Equal("\u0002mx\u0007Example\u0003org\u0000"u8.ToArray(), q[12..^4]);
        Assert.Equal(new byte[] { 0, 52, 0, 1 }, q[^4..]); // TLSA, IN
    }
}
