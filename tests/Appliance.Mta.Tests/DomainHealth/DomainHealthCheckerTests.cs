using System.Net;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.DomainHealth;
using Appliance.Mta.Tests.Delivery.MtaSts;
using Appliance.Mta.Tests.Dns.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.DomainHealth;

/// <summary>Each health check against a fake resolver: a healthy domain passes everything; each defect fails with a fix.</summary>
public sealed class DomainHealthCheckerTests : IDisposable
{
    private const string DkimValue = "v=DKIM1; k=rsa; p=MIIBIjANBgkqh";
    private readonly FakeDnsResolver _dns = new();
    private readonly FakePolicyHttpHandler _http = new();
    private readonly MtaStsPolicyFetcher _fetcher;

    public DomainHealthCheckerTests()
    {
        _fetcher = new MtaStsPolicyFetcher(new MtaStsOptions(), _http);
        _dns.AddTxt("example.com", "v=spf1 include:_spf.example.com -all")
            .AddTxt("_spf.example.com", "v=spf1 ip4:192.0.2.0/24 -all")
            .AddTxt("s1._domainkey.example.com", "v=DKIM1; k=rsa; p=MIIBIj ANBgkqh")
            .AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com")
            .AddMx("example.com", "mx.appliance.test", 10)
            .AddPtr("192.0.2.10", "out.example.com")
            .AddAddress("out.example.com", "192.0.2.10")
            .AddTxt("_mta-sts.example.com", "v=STSv1; id=1")
            .AddTxt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tls@example.com")
            .AddTxt("default._bimi.example.com", "v=BIMI1; l=https://example.com/logo.svg; a=");
        _http.Serve("mta-sts.example.com", 200, "text/plain", "version: STSv1\nmode: enforce\nmx: mx.appliance.test\nmax_age: 86400\n");
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        _http.Dispose();
    }

    private Task<DomainHealthReport> CheckAsync(string? returnPath = null, string ip = "192.0.2.10") =>
        new DomainHealthChecker(_dns, new FakeTimeProvider(), _fetcher).CheckAsync(new DomainHealthRequest
        {
            Domain = "example.com",
            ReturnPathDomain = returnPath,
            DkimRecords = [new ExpectedDkimRecord("s1", DkimValue)],
            SendingIps = [IPAddress.Parse(ip)],
            EhloName = "out.example.com",
            ApplianceMxHosts = ["mx.appliance.test"],
        }, CancellationToken.None);

    private static DnsCheckResult Get(DomainHealthReport r, string check) => r.Checks.Single(c => c.Check == check);

    [Fact]
    public async Task HealthyDomainPassesEveryCheck()
    {
        var report = await CheckAsync();
        Assert.Equal(["spf", "spf:192.0.2.10", "dkim:s1", "dmarc", "return-path-mx", "ptr:192.0.2.10", "mta-sts", "tls-rpt", "bimi"], report.Checks.Select(c => c.Check));
        Assert.All(report.Checks, c => Assert.True(c.Status == DnsCheckStatus.Pass, $"{c.Check}: {c.Explanation}"));
    }

    [Fact]
    public async Task UnauthorisedIpFailsSpfWithTheRecordToPublish()
    {
        var spf = Get(await CheckAsync(ip: "198.51.100.7"), "spf");
        Assert.Equal(DnsCheckStatus.Fail, spf.Status);
        Assert.Contains("198.51.100.7", spf.Explanation, StringComparison.Ordinal);
        Assert.Equal("v=spf1 ip4:198.51.100.7 include:_spf.example.com -all", spf.Fix!.Value);
    }

    [Fact]
    public async Task MissingSpfRecordSuggestsOne()
    {
        var dns = new FakeDnsResolver().AddEmptyName("example.com");
        var report = await new DomainHealthChecker(dns, new FakeTimeProvider(), _fetcher).CheckAsync(
            new DomainHealthRequest { Domain = "example.com", SendingIps = [IPAddress.Parse("192.0.2.1")] }, CancellationToken.None);
        var spf = Get(report, "spf");
        Assert.Equal(DnsCheckStatus.Fail, spf.Status);
        Assert.Equal("v=spf1 ip4:192.0.2.1 -all", spf.Fix!.Value);
    }

    [Fact]
    public async Task WrongDkimKeyFailsWithTheExpectedRecord()
    {
        _dns.AddTxt("s2._domainkey.example.com", "v=DKIM1; p=OTHER");
        var report = await new DomainHealthChecker(_dns, new FakeTimeProvider(), _fetcher).CheckAsync(
            new DomainHealthRequest { Domain = "example.com", DkimRecords = [new ExpectedDkimRecord("s2", DkimValue), new ExpectedDkimRecord("s3", DkimValue)] }, CancellationToken.None);
        Assert.Equal(DnsCheckStatus.Fail, Get(report, "dkim:s2").Status);
        Assert.Equal(DkimValue, Get(report, "dkim:s2").Fix!.Value);
        Assert.Contains("No DKIM key record", Get(report, "dkim:s3").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnalignedReturnPathWarnsInDmarc()
    {
        _dns.AddTxt("bounces.example.net", "v=spf1 ip4:192.0.2.10 -all").AddMx("bounces.example.net", "mx.appliance.test", 10);
        var dmarc = Get(await CheckAsync(returnPath: "bounces.example.net"), "dmarc");
        Assert.Equal(DnsCheckStatus.Warn, dmarc.Status);
        Assert.Contains("not SPF-aligned", dmarc.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnPathWithForeignMxFails()
    {
        _dns.AddTxt("rp.example.com", "v=spf1 ip4:192.0.2.10 -all").AddMx("rp.example.com", "mx.elsewhere.test", 10);
        var mx = Get(await CheckAsync(returnPath: "rp.example.com"), "return-path-mx");
        Assert.Equal(DnsCheckStatus.Fail, mx.Status);
        Assert.Equal("10 mx.appliance.test", mx.Fix!.Value);
    }

    [Fact]
    public async Task PtrWithoutForwardConfirmationFails()
    {
        _dns.AddTxt("_spf.example.com", "v=spf1 ip4:192.0.2.0/24 -all").AddPtr("192.0.2.11", "liar.example.org");
        var ptr = Get(await CheckAsync(ip: "192.0.2.11"), "ptr:192.0.2.11");
        Assert.Equal(DnsCheckStatus.Fail, ptr.Status);
        Assert.Contains("does not resolve back", ptr.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MtaStsPolicyNotCoveringTheMxFails()
    {
        _http.Serve("mta-sts.example.com", 200, "text/plain", "version: STSv1\nmode: enforce\nmx: *.other.test\nmax_age: 86400\n");
        var sts = Get(await CheckAsync(), "mta-sts");
        Assert.Equal(DnsCheckStatus.Fail, sts.Status);
        Assert.Contains("mx.appliance.test", sts.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.com/x", null)]
    [InlineData("v=TLSRPTv1;", "rua=")]
    [InlineData("v=TLSRPTv1; rua=ftp://x", "not a mailto")]
    public void TlsRptSyntax(string record, string? error)
    {
        var got = ReceivingRecordChecks.TlsRptSyntaxError(record);
        if (error is null) Assert.Null(got);
        else Assert.Contains(error, got, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidBimiFails()
    {
        var dns = new FakeDnsResolver().AddTxt("default._bimi.example.com", "v=BIMI1; l=http://example.com/logo.svg");
        var report = await new DomainHealthChecker(dns, new FakeTimeProvider(), _fetcher).CheckAsync(new DomainHealthRequest { Domain = "example.com" }, CancellationToken.None);
        Assert.Equal(DnsCheckStatus.Fail, Get(report, "bimi").Status);
    }

    [Fact]
    public async Task MissingDmarcFailsAndSubdomainFallsBackToTheOrganisationalRecord()
    {
        var dns = new FakeDnsResolver().AddTxt("_dmarc.example.com", "v=DMARC1; p=quarantine; rua=mailto:d@example.com");
        var checker = new DomainHealthChecker(dns, new FakeTimeProvider(), _fetcher);
        var sub = Get(await checker.CheckAsync(new DomainHealthRequest { Domain = "news.example.com" }, CancellationToken.None), "dmarc");
        Assert.Equal(DnsCheckStatus.Pass, sub.Status);
        Assert.Contains("p=quarantine", sub.Explanation, StringComparison.Ordinal);
        var missing = Get(await checker.CheckAsync(new DomainHealthRequest { Domain = "example.org" }, CancellationToken.None), "dmarc");
        Assert.Equal(DnsCheckStatus.Fail, missing.Status);
        Assert.Equal("_dmarc.example.org", missing.Fix!.Name);
    }

    [Fact]
    public async Task DnsTimeoutIsAWarningNotAFailure()
    {
        _dns.FailTxt("example.com", Appliance.Mta.Dns.DnsStatus.Timeout);
        var spf = Get(await CheckAsync(), "spf");
        Assert.Equal(DnsCheckStatus.Warn, spf.Status);
        Assert.Null(spf.Fix);
    }
}
