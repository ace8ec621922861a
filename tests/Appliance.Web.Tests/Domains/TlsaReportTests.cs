using Appliance.Web.Data;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Web.Modules.TlsReporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Domains;

/// <summary>
/// TLS-RPT for DANE sessions (RFC 8460 §4.4): outcomes recorded under policy-type "tlsa" survive the flush to the
/// database, and the day's report lists them under "tlsa" with the TLSA records as policy strings, beside "sts".
/// </summary>
public sealed class TlsaReportTests : IDisposable
{
    private readonly TlsReportingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Dane_sessions_are_reported_as_tlsa_with_the_records_as_policy_strings()
    {
        var store = _factory.Services.GetRequiredService<TlsReportStore>();
        store.NoteTlsa("dane.example", ["3 1 1 aabb", "2 0 1 ccdd"]);
        store.RecordSuccess("dane.example", DaneResultTypes.PolicyType);
        store.RecordSuccess("dane.example", DaneResultTypes.PolicyType);
        store.RecordFailure("dane.example", DaneResultTypes.TlsaInvalid, DaneResultTypes.PolicyType, "mx.dane.example");
        store.RecordFailure("dane.example", DaneResultTypes.DaneRequired, DaneResultTypes.PolicyType, "mx2.dane.example");
        store.RecordFailure("dane.example", DaneResultTypes.DnssecInvalid, DaneResultTypes.PolicyType);

        await _factory.Services.GetRequiredService<TlsOutcomeRecorder>().FlushAsync(CancellationToken.None);

        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var outcomes = await db.Outcomes.Where(o => o.PolicyDomain == "dane.example").ToListAsync();
        var day = outcomes[0].Day;
        var sts = await db.Policies.FirstOrDefaultAsync(p => p.Day == day && p.PolicyDomain == "dane.example");
        var tlsa = await db.Policies.FirstOrDefaultAsync(p => p.Day == day && p.PolicyDomain == TlsOutcomeRecorder.TlsaSnapshotKey("dane.example"));
        var report = TlsReportBuilder.Build(day, "dane.example", outcomes, sts, "Org", "postmaster@org.example", "org.example", tlsa);

        var policy = Assert.Single(report.Policies);
        Assert.Equal("tlsa", policy.PolicyType);
        Assert.Equal(["3 1 1 aabb", "2 0 1 ccdd"], policy.PolicyStrings);
        Assert.Equal(2, policy.SuccessCount);
        Assert.Equal(["dane-required", "dnssec-invalid", "tlsa-invalid"], policy.FailureDetails.Select(d => d.ResultType));
        Assert.Null(sts);
    }
}
