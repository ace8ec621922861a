using Appliance.Mta.Dns.Dmarc;

namespace Appliance.Mta.Tests.Dns.Dmarc;

/// <summary>RFC 7489 §6.3 record syntax: every tag, the defaults, and clear errors.</summary>
public sealed class DmarcRecordParserTests
{
    [Fact]
    public void FullRecordParsesEveryTag()
    {
        var r = DmarcRecordParser.Parse("v=DMARC1; p=reject; sp=quarantine; pct=50; rua=mailto:a@example.com!10m, mailto:b@example.net; "
            + "ruf=mailto:f@example.com; adkim=s; aspf=s; fo=1:d; rf=afrf; ri=3600");
        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        var d = r.Record!;
        Assert.Equal(DmarcPolicy.Reject, d.Policy);
        Assert.Equal(DmarcPolicy.Quarantine, d.SubdomainPolicy);
        Assert.Equal(50, d.Percent);
        Assert.Equal(2, d.AggregateReportUris.Count);
        Assert.Equal(10L * 1024 * 1024, d.AggregateReportUris[0].MaxSizeBytes);
        Assert.Single(d.FailureReportUris);
        Assert.Equal(DmarcAlignmentMode.Strict, d.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Strict, d.SpfAlignment);
        Assert.Equal(["1", "d"], d.FailureOptions);
        Assert.Equal(3600u, d.ReportInterval);
    }

    [Fact]
    public void DefaultsApply()
    {
        var d = DmarcRecordParser.Parse("v=DMARC1;p=none").Record!;
        Assert.Equal(100, d.Percent);
        Assert.Null(d.SubdomainPolicy);
        Assert.Equal(DmarcAlignmentMode.Relaxed, d.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Relaxed, d.SpfAlignment);
        Assert.Equal(86400u, d.ReportInterval);
        Assert.Equal(["afrf"], d.ReportFormats);
    }

    [Theory]
    [InlineData("p=none; v=DMARC1", "v=DMARC1")]
    [InlineData("v=DMARC2; p=none", "v=DMARC1")]
    [InlineData("v=DMARC1; p=block", "p=block")]
    [InlineData("v=DMARC1; pct=101; p=none", "pct")]
    [InlineData("v=DMARC1; p=none; adkim=x", "adkim")]
    [InlineData("v=DMARC1; p=none; rua=dmarc@example.com", "rua")]
    [InlineData("v=DMARC1; p=none; fo=2", "fo")]
    [InlineData("v=DMARC1; p=none; ri=soon", "ri")]
    [InlineData("v=DMARC1; p=none; p=reject", "more than once")]
    [InlineData("v=DMARC1; rua=mailto:a@example.com", "p= tag")]
    public void InvalidRecordsSayWhy(string record, string mentions)
    {
        var r = DmarcRecordParser.Parse(record);
        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.Contains(mentions, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownTagsAreWarningsNotErrors()
    {
        var r = DmarcRecordParser.Parse("v=DMARC1; p=none; foo=bar");
        Assert.True(r.IsValid);
        Assert.Contains(r.Warnings, w => w.Contains("foo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mail.example.com", "example.com")]
    [InlineData("a.b.example.co.uk", "example.co.uk")]
    [InlineData("example.com.", "example.com")]
    [InlineData("com", "com")]
    public void OrganizationalDomains(string domain, string org) => Assert.Equal(org, OrganizationalDomain.Of(domain));

    [Theory]
    [InlineData("bounce.example.com", "example.com", DmarcAlignmentMode.Relaxed, true)]
    [InlineData("bounce.example.com", "example.com", DmarcAlignmentMode.Strict, false)]
    [InlineData("Example.com", "example.com", DmarcAlignmentMode.Strict, true)]
    [InlineData("example.net", "example.com", DmarcAlignmentMode.Relaxed, false)]
    [InlineData("a.example.co.uk", "b.other.co.uk", DmarcAlignmentMode.Relaxed, false)]
    public void Alignment(string a, string b, DmarcAlignmentMode mode, bool aligned) =>
        Assert.Equal(aligned, OrganizationalDomain.AreAligned(a, b, mode));
}
