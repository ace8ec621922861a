using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using Appliance.Mta.Egress;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Services.Tls;
using Appliance.Web.Tests.Tls;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Domains;

/// <summary>
/// Inbound DANE (issue 21) over the fake resolver: the TLSA records published for our MX are compared with the
/// listeners' current key (match, mismatch, absent, unreadable), and the advisor suggests the 3 1 1 record.
/// </summary>
public sealed class TlsaRecordProbeTests
{
    private const string Host = "mta.example.net";
    private const string Owner = "_25._tcp.mta.example.net";

    private static X509Certificate2 Certificate()
    {
        var (pem, _) = TestPem.Create(Host, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return X509Certificate2.CreateFromPem(pem);
    }

    [Fact]
    public async Task A_published_3_1_1_of_the_current_key_matches()
    {
        using var certificate = Certificate();
        var zone = new TxtZone();
        zone.PublishTlsa(Owner, "3 1 1 " + new string('0', 64), TlsaSuggestion.For(certificate, Host).Value);

        var check = await new TlsaRecordProbe(zone).CheckAsync(Host, certificate, default);

        Assert.Equal(TlsaRecordState.Matches, check.State);
        Assert.Equal(Owner, check.Name);
        Assert.Equal(2, check.Published.Count);
    }

    [Fact]
    public async Task A_record_of_another_key_is_a_mismatch_that_names_the_record_to_publish()
    {
        using var certificate = Certificate();
        using var previous = Certificate();
        var zone = new TxtZone();
        var old = TlsaSuggestion.For(previous, Host).Value;
        zone.PublishTlsa(Owner, old);

        var check = await new TlsaRecordProbe(zone).CheckAsync(Host, certificate, default);

        Assert.Equal(TlsaRecordState.Mismatch, check.State);
        Assert.Contains(old, check.Explanation, StringComparison.Ordinal);
        Assert.Contains(TlsaSuggestion.For(certificate, Host).Value, check.Explanation, StringComparison.Ordinal);
        Assert.Contains("will not deliver", check.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DnsStatus.NxDomain)]
    [InlineData(DnsStatus.NoData)]
    public async Task No_record_is_absent_not_a_problem(DnsStatus status)
    {
        using var certificate = Certificate();
        var zone = new TxtZone();
        if (status == DnsStatus.NoData) zone.PublishTlsa(Owner);

        var check = await new TlsaRecordProbe(zone).CheckAsync(Host, certificate, default);

        Assert.Equal(TlsaRecordState.Absent, check.State);
        Assert.Contains("DNSSEC-signed", check.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_lookup_and_records_it_cannot_judge_are_reported_as_such()
    {
        using var certificate = Certificate();
        var zone = new TxtZone();
        zone.FailTlsa(Owner, DnsStatus.ServerFailure);
        Assert.Equal(TlsaRecordState.LookupFailed, (await new TlsaRecordProbe(zone).CheckAsync(Host, certificate, default)).State);

        zone.PublishTlsa(Owner, "2 0 1 " + new string('a', 64), "3 1 1 zz");
        Assert.Equal(TlsaRecordState.Unjudged, (await new TlsaRecordProbe(zone).CheckAsync(Host, certificate, default)).State);
    }

    private sealed class FixedCertificate(X509Certificate2? certificate) : IListenerCertificateSource
    {
        public X509Certificate2? Certificate => certificate;
    }

    private static DnsRecordAdvisor Advisor(X509Certificate2? certificate) => new(new EgressConfiguration(), new HostAddresses(),
        Options.Create(new MtaOptions { Hostname = Host + "." }), Options.Create(new DkimOptions()), Options.Create(new ReportsOptions()),
        new FixedCertificate(certificate));

    private static SendingDomain Domain() => new() { Name = "shop.example", TenantId = "shop", ReturnPathDomain = "bounces.shop.example" };

    [Fact]
    public void The_advisor_suggests_the_3_1_1_record_of_the_listeners_certificate_for_our_mx()
    {
        using var certificate = Certificate();

        var tlsa = Assert.Single(Advisor(certificate).Advise(Domain()).Records, r => r.Type == "TLSA");

        Assert.Equal(Owner, tlsa.Name);
        Assert.Equal(TlsaSuggestion.For(certificate, Host).Value, tlsa.Value);
        Assert.Equal("tlsa", tlsa.Check);
        Assert.DoesNotContain(Advisor(null).Advise(Domain()).Records, r => r.Type == "TLSA");
    }
}
