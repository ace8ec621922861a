using System.Net;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Appliance.Mta.Tests.Dns.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>Enforcement on delivery plans (RFC 8461 §5), the policy cache (§5.1) and the TLS-RPT outcome store.</summary>
public sealed class MtaStsEnforcerTests : IDisposable
{
    private readonly FakeDnsResolver _dns = new();
    private readonly FakePolicyHttpHandler _http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TlsReportStore _reports = new();
    private readonly MtaStsPolicyFetcher _fetcher;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mtasts-" + Guid.NewGuid().ToString("N"));

    public MtaStsEnforcerTests() => _fetcher = new MtaStsPolicyFetcher(new MtaStsOptions(), _http);

    public void Dispose()
    {
        _fetcher.Dispose();
        _http.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private MtaStsEnforcer Enforcer(MtaStsPolicyStore? store = null) =>
        new(new MtaStsPolicyResolver(_dns, _fetcher, store ?? new MtaStsPolicyStore(_folder), _time), new MtaStsTrust(), _reports, new MtaStsOptions());

    private static NextHopPlan Plan(params string[] hosts) =>
        new(NextHopOutcome.Ok, null, hosts.Select((h, i) => new NextHopHost(h, i * 10, [IPAddress.Loopback], 25)).ToList(), "site", null);

    private void Publish(string mode, string id = "1")
    {
        _dns.AddTxt("_mta-sts.example.com", $"v=STSv1; id={id};");
        _http.Serve("mta-sts.example.com", 200, "text/plain", $"version: STSv1\nmode: {mode}\nmx: *.example.com\nmax_age: 86400\n");
    }

    [Fact]
    public async Task EnforceKeepsOnlyMatchingHostsAndRequiresTls()
    {
        Publish("enforce");
        var decision = await Enforcer().ApplyAsync("example.com", Plan("mx.other.net", "mx1.example.com"), CancellationToken.None);
        Assert.Null(decision.Defer);
        Assert.Equal(["mx1.example.com"], decision.Plan.Hosts.Select(h => h.Name));
        Assert.Equal(TlsMode.Required, decision.Plan.Route!.Tls);
        Assert.NotNull(Enforcer().CertificateValidatorFor(decision.Plan));
    }

    [Fact]
    public async Task EnforceWithoutMatchingHostDefersWith475()
    {
        Publish("enforce");
        var decision = await Enforcer().ApplyAsync("example.com", Plan("mx.other.net"), CancellationToken.None);
        Assert.NotNull(decision.Defer);
        Assert.Equal(451, decision.Defer!.Code);
        Assert.Contains("4.7.5", decision.Defer.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _reports.Snapshot().Single().Failures["validation-failure"]);
    }

    [Fact]
    public async Task TestingModeDeliversUnchangedButRecordsTheFailure()
    {
        Publish("testing");
        var plan = Plan("mx.other.net");
        var decision = await Enforcer().ApplyAsync("example.com", plan, CancellationToken.None);
        Assert.Null(decision.Defer);
        Assert.Equal(plan.Hosts, decision.Plan.Hosts); // every MX host is still used
        Assert.Null(decision.Plan.Route); // opportunistic TLS as without a policy
        Assert.Equal("mta-sts-testing:example.com->site", decision.Plan.SiteKey);
        var counters = _reports.Snapshot().Single();
        Assert.Equal(1, counters.Failures["validation-failure"]);
        Assert.Equal("mx.other.net", counters.Details.Single().ReceivingMx);
        Assert.Equal(MtaStsMode.Testing, counters.Policy!.Mode);
    }

    [Fact]
    public async Task TestingModeStillChecksTheCertificateAndRecordsTheFailureWithoutRefusing()
    {
        Publish("testing");
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        var validator = enforcer.CertificateValidatorFor(decision.Plan);

        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=other.example.net", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddYears(1));

        Assert.NotNull(validator); // the connection is opportunistic: the answer is ignored, the outcome is recorded
        validator(this, certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch);
        validator(this, certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch);
        var counters = _reports.Drain().Single();
        Assert.Equal(2, counters.Failures["certificate-host-mismatch"]);
        Assert.Equal(0, counters.SuccessCount);
    }

    [Fact]
    public async Task SessionsWithoutTlsUnderAPolicyAreRecordedAsStarttlsNotSupported()
    {
        Publish("enforce");
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);

        enforcer.RecordSession(decision.Plan, Appliance.Mta.Smtp.Client.ConnectOutcome.Failed(
            new Appliance.Mta.Smtp.SmtpReply(451, "4.7.10", "mx1 does not offer STARTTLS but TLS is required"), false));
        enforcer.RecordSession(decision.Plan, Appliance.Mta.Smtp.Client.ConnectOutcome.Failed(
            new Appliance.Mta.Smtp.SmtpReply(421, "4.4.2", "connection lost"), false)); // not a TLS outcome
        enforcer.RecordSession(Plan("mx1.example.com"), Appliance.Mta.Smtp.Client.ConnectOutcome.Failed(
            new Appliance.Mta.Smtp.SmtpReply(451, "4.7.10", "no policy: not recorded"), false));

        Assert.Equal(1, _reports.Drain().Single().Failures["starttls-not-supported"]);
    }

    [Fact]
    public async Task SessionsToDomainsWithoutAPolicyAreRecordedAsNoPolicyFound()
    {
        var enforcer = Enforcer();
        var plain = (await enforcer.ApplyAsync("plain.example", Plan("mx.plain.example"), CancellationToken.None)).Plan;
        enforcer.RecordUnpolicedSession(plain, "plain.example", tls: true, "mx.plain.example");
        enforcer.RecordUnpolicedSession(plain, "plain.example", tls: true, "mx.plain.example");
        enforcer.RecordUnpolicedSession(plain, "plain.example", tls: false, "mx.plain.example", "127.0.0.9");

        // A domain under a policy is reported by the policy's own checks, and a static route not at all.
        Publish("enforce");
        var enforced = (await enforcer.ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None)).Plan;
        enforcer.RecordUnpolicedSession(enforced, "example.com", tls: false, "mx1.example.com");
        var routed = Plan("smarthost.example") with { Route = new Route("*", "smarthost.example", 25) };
        enforcer.RecordUnpolicedSession(routed, "routed.example", tls: false, "smarthost.example");

        var counters = _reports.Drain();
        var entry = Assert.Single(counters, c => c.PolicyDomain == "plain.example");
        Assert.Equal(TlsReportStore.NoPolicyFound, entry.PolicyType);
        Assert.Equal(2, entry.SuccessCount);
        Assert.Equal(new TlsFailureDetail("starttls-not-supported", "mx.plain.example", 1, "127.0.0.9"), Assert.Single(entry.Details));
        Assert.DoesNotContain(counters, c => c.PolicyDomain == "routed.example");
        Assert.DoesNotContain(counters, c => c.PolicyDomain == "example.com" && c.Failures.ContainsKey("starttls-not-supported"));

        var off = new MtaStsEnforcer(new MtaStsPolicyResolver(_dns, _fetcher, new MtaStsPolicyStore(_folder), _time), new MtaStsTrust(), _reports,
            new MtaStsOptions { ReportWithoutPolicy = false });
        off.RecordUnpolicedSession(plain, "plain.example", tls: true, "mx.plain.example");
        Assert.Empty(_reports.Snapshot());
    }

    [Fact]
    public async Task NoPolicyLeavesThePlanAlone()
    {
        var plan = Plan("mx.other.net");
        var decision = await Enforcer().ApplyAsync("example.com", plan, CancellationToken.None);
        Assert.Same(plan, decision.Plan);
        Assert.Empty(_reports.Snapshot());
    }

    [Fact]
    public async Task CachedPolicyIsReusedWhileTheIdIsUnchangedAndSurvivesARestart()
    {
        Publish("enforce");
        await Enforcer().ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        await Enforcer().ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        Assert.Single(_http.Requests);
        // The policy host goes away: the persisted policy is still enforced (§5.1) by a fresh store over the same folder.
        _http.Serve("mta-sts.example.com", 500, "text/plain", "");
        var decision = await Enforcer(new MtaStsPolicyStore(_folder)).ApplyAsync("example.com", Plan("mx.other.net"), CancellationToken.None);
        Assert.NotNull(decision.Defer);
        Assert.True(File.Exists(Path.Combine(_folder, "example.com.json")));
    }

    [Fact]
    public async Task ExpiredPolicyIsRefetchedAndANewIdTriggersAFetch()
    {
        Publish("enforce", id: "1");
        await Enforcer().ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));
        await Enforcer().ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        Assert.Equal(2, _http.Requests.Count);
    }

    [Fact]
    public async Task StaticRoutesAreNotSubjectToMtaSts()
    {
        Publish("enforce");
        var plan = Plan("relay.other.net") with { Route = new Route("example.com", "relay.other.net", 25) };
        var decision = await Enforcer().ApplyAsync("example.com", plan, CancellationToken.None);
        Assert.Same(plan, decision.Plan);
        Assert.Empty(_http.Requests);
    }

    [Fact]
    public async Task CertificateCheckRecordsTheRfc8460ResultType()
    {
        Publish("enforce");
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync("example.com", Plan("mx1.example.com"), CancellationToken.None);
        var validator = enforcer.CertificateValidatorFor(decision.Plan)!;
        Assert.False(validator(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Null(enforcer.CertificateValidatorFor(Plan("mx1.example.com")));
        var counters = _reports.Drain().Single();
        Assert.Equal("example.com", counters.PolicyDomain);
        Assert.Equal(1, counters.Failures["certificate-not-trusted"]);
        Assert.Empty(_reports.Snapshot());
    }
}
