using System.Net;
using System.Net.Security;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Delivery;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Security.Tls;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Appliance.Mta.Tests.Dane.Fakes;

namespace Appliance.Mta.Tests.Dane;

/// <summary>The delivery hooks: the DnssecValidating switch, TLS-RPT "tlsa" counts and the 4.7.5 replies naming the reason.</summary>
public sealed class DaneEnforcerTests : IDisposable
{
    private const string Domain = "example.org";
    private const string Mx = "mx.example.org";
    private readonly FakeDnssecResolver _dns = new();
    private readonly TlsReportStore _reports = new();
    private readonly TestCertificates _certs = new();

    private DaneEnforcer Enforcer(bool validating = true) =>
        new(new DanePolicyResolver(_dns), _reports, new MtaSettings(new MtaOptions { Dns = new DnsOptions { DnssecValidating = validating } }), TimeProvider.System);

    private static NextHopPlan Plan() => new(NextHopOutcome.Ok, null, [new NextHopHost(Mx, 10, [IPAddress.Loopback], 25)], Mx, null);

    private static ConnectRequest Request() =>
        new(new IPEndPoint(IPAddress.Loopback, 25), Mx, null, "appliance.test", TlsMode.Opportunistic, null, null, ClientTimeouts.FromOptions(new DeliveryOptions()));

    private void Publish(params TlsaRecord[] records) =>
        _dns.Mx(Domain, DnssecStatus.Secure, (Mx, 10)).Address(Mx, DnssecStatus.Secure, "127.0.0.1").Tlsa("_25._tcp." + Mx, DnssecStatus.Secure, records);

    [Fact]
    public async Task Without_dnssec_validating_nothing_changes_and_nothing_is_looked_up()
    {
        Publish(new TlsaRecord(3, 1, 1, new byte[32]));
        var plan = Plan();
        var enforcer = Enforcer(validating: false);

        var decision = await enforcer.ApplyAsync(Domain, plan, default);

        Assert.Same(plan, decision.Plan);
        Assert.Null(decision.Dane);
        Assert.Empty(_dns.Queries);
        Assert.Null(enforcer.SessionFor(plan, plan.Hosts[0]));
    }

    [Fact]
    public async Task Dnssec_validating_switch_is_read_from_the_snapshot_in_force_at_each_plan()
    {
        Publish(new TlsaRecord(3, 1, 1, new byte[32]));
        var settings = new MtaSettings(new MtaOptions { Dns = new DnsOptions { DnssecValidating = false } });
        var enforcer = new DaneEnforcer(new DanePolicyResolver(_dns), _reports, settings, TimeProvider.System);
        Assert.Null((await enforcer.ApplyAsync(Domain, Plan(), default)).Dane);

        Assert.Empty(settings.TryPublish(o => o with { Dns = o.Dns with { DnssecValidating = true } }));

        Assert.True(enforcer.Enabled);
        Assert.NotNull((await enforcer.ApplyAsync(Domain, Plan(), default)).Dane);

        Assert.Empty(settings.TryPublish(o => o with { Dns = o.Dns with { DnssecValidating = false } }));

        Assert.False(enforcer.Enabled);
        Assert.Null((await enforcer.ApplyAsync(Domain, Plan(), default)).Dane);
    }

    [Fact]
    public async Task Dane_plan_gets_a_session_that_requires_starttls_and_reports_the_tlsa_records()
    {
        var record = new TlsaRecord(3, 1, 1, new byte[32]);
        Publish(record);
        var enforcer = Enforcer();

        var decision = await enforcer.ApplyAsync(Domain, Plan(), default);
        var session = enforcer.SessionFor(decision.Plan, decision.Plan.Hosts[0]);

        Assert.True(enforcer.Covers(decision.Plan));
        Assert.Equal(TlsMode.Required, session!.Apply(Request()).Tls);
        var counters = Assert.Single(_reports.Snapshot());
        Assert.Equal([record.ToString()], counters.TlsaRecords);
    }

    [Fact]
    public async Task Bogus_mx_is_counted_as_dnssec_invalid_under_policy_type_tlsa()
    {
        _dns.Fail("MX", Domain, DnsStatus.ServerFailure, DnssecStatus.Bogus);
        var decision = await Enforcer().ApplyAsync(Domain, NextHopPlan.Transient(new SmtpReply(451, "4.4.3", "x"), Domain), default);

        Assert.NotNull(decision.Defer);
        var counters = Assert.Single(_reports.Snapshot());
        Assert.Equal((DaneResultTypes.PolicyType, 1L), (counters.PolicyType, counters.Failures[DaneResultTypes.DnssecInvalid]));
    }

    [Fact]
    public async Task Certificate_that_matches_no_record_fails_the_handshake_check_and_becomes_4_7_5_tlsa_invalid()
    {
        using var server = TestCertificates.SelfSigned(Mx);
        using var other = TestCertificates.SelfSigned("other");
        Publish(TestCertificates.For(3, 1, 1, other));
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync(Domain, Plan(), default);
        var session = enforcer.SessionFor(decision.Plan, decision.Plan.Hosts[0], "192.0.2.7")!;

        var accepted = session.Validate(this, server, null, SslPolicyErrors.RemoteCertificateChainErrors);
        var outcome = session.Complete(ConnectOutcome.Failed(new SmtpReply(421, "4.7.5", "handshake failed"), false));

        Assert.False(accepted);
        Assert.Equal("4.7.5", outcome.Failure!.Enhanced!.ToString());
        Assert.Contains(DaneResultTypes.TlsaInvalid, outcome.Failure.Text, StringComparison.Ordinal);
        var detail = Assert.Single(Assert.Single(_reports.Snapshot()).Details);
        Assert.Equal((DaneResultTypes.TlsaInvalid, Mx, "192.0.2.7"), (detail.ResultType, detail.ReceivingMx, detail.SendingMtaIp));
    }

    [Fact]
    public async Task Matching_certificate_passes_the_handshake_check_even_with_pkix_errors()
    {
        using var server = TestCertificates.SelfSigned("not-the-mx-name");
        Publish(TestCertificates.For(3, 1, 1, server));
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync(Domain, Plan(), default);
        var session = enforcer.SessionFor(decision.Plan, decision.Plan.Hosts[0])!;

        Assert.True(session.Validate(this, server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal("3 1 1", session.Verdict!.Matched!.Parameters);
    }

    [Fact]
    public async Task No_starttls_under_dane_becomes_4_7_5_dane_required()
    {
        Publish(new TlsaRecord(3, 1, 1, new byte[32]));
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync(Domain, Plan(), default);
        var session = enforcer.SessionFor(decision.Plan, decision.Plan.Hosts[0])!;

        var outcome = session.Complete(ConnectOutcome.Failed(new SmtpReply(451, "4.7.10", "mx does not offer STARTTLS but TLS is required"), false));

        Assert.Equal("4.7.5", outcome.Failure!.Enhanced!.ToString());
        Assert.Contains(DaneResultTypes.DaneRequired, outcome.Failure.Text, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(_reports.Snapshot()).Failures[DaneResultTypes.DaneRequired]);
    }

    [Fact]
    public async Task Network_failure_before_tls_is_passed_through_and_not_reported()
    {
        Publish(new TlsaRecord(3, 1, 1, new byte[32]));
        var enforcer = Enforcer();
        var decision = await enforcer.ApplyAsync(Domain, Plan(), default);
        var failed = ConnectOutcome.Failed(new SmtpReply(421, "4.4.1", "connection refused"), false);

        var outcome = enforcer.SessionFor(decision.Plan, decision.Plan.Hosts[0])!.Complete(failed);

        Assert.Same(failed, outcome);
        Assert.Empty(Assert.Single(_reports.Snapshot()).Details);
    }

    public void Dispose() => _certs.Dispose();
}
