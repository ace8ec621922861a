using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Events;
using Appliance.Web.Modules.Reports.Jobs;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Row = Appliance.Web.Tests.Reports.SyntheticReports.Row;

namespace Appliance.Web.Tests.Reports;

/// <summary>Deduplication, problems recorded on a report, alerts, tenant scope, raw retention and policy advice.</summary>
public sealed class ReportsIngestionTests(ReportsFactory host) : IClassFixture<ReportsFactory>
{
    private readonly HttpClient _admin = host.CreateAdminClient();

    [Fact]
    public async Task A_duplicate_report_is_ignored_and_counted_once()
    {
        var domain = SyntheticReports.NewDomain();
        var xml = SyntheticReports.Aggregate("org.example", "dup-1", domain, ReportsFactory.T0, "none", new Row("192.0.2.10", 7));
        Assert.Equal("stored", (await _admin.UploadAsync(xml, "a.xml")).GetProperty("reports")[0].GetProperty("status").GetString());
        Assert.Equal("duplicate", (await _admin.UploadAsync(xml, "a.xml")).GetProperty("reports")[0].GetProperty("status").GetString());
        var summary = await _admin.DmarcAsync(domain);
        Assert.Equal(1, summary.GetProperty("reports").GetInt32());
        Assert.Equal(7, summary.GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task A_bad_record_is_recorded_on_the_report_and_the_rest_is_stored()
    {
        var domain = SyntheticReports.NewDomain();
        var text = System.Text.Encoding.UTF8.GetString(SyntheticReports.Aggregate("org.example", "bad-1", domain, ReportsFactory.T0, "none",
            new Row("192.0.2.10", 5), new Row("192.0.2.11", 999), new Row("203.0.113.5", 2, "fail", "fail")));
        var broken = System.Text.Encoding.UTF8.GetBytes(text.Replace("<count>999</count>", "<count>lots</count>", StringComparison.Ordinal));
        var result = await _admin.UploadAsync(broken, "bad.xml");
        Assert.Contains("lots", result.GetProperty("reports")[0].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(7, (await _admin.DmarcAsync(domain)).GetProperty("messages").GetInt64());
        var listed = await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reports?domain={domain}");
        Assert.Contains("record 2", listed[0].GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Own_and_unknown_sources_are_marked_and_failures_explained()
    {
        var domain = SyntheticReports.NewDomain();
        await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", "mark-1", domain, ReportsFactory.T0, "none",
            new Row("192.0.2.10", 10), new Row("198.51.100.7", 5, "pass", "fail"), new Row("203.0.113.9", 3, "fail", "fail")), "m.xml");
        var s = await _admin.DmarcAsync(domain);
        var sources = s.GetProperty("bySource").EnumerateArray().ToDictionary(x => x.GetProperty("ip").GetString()!, x => x.GetProperty("own").GetBoolean());
        Assert.True(sources["192.0.2.10"]);
        Assert.True(sources["198.51.100.7"]);
        Assert.False(sources["203.0.113.9"]);
        Assert.Equal(15, s.GetProperty("ownMessages").GetInt64());
        Assert.Equal(10, s.GetProperty("spfPass").GetInt64());
        Assert.Equal(15, s.GetProperty("dkimPass").GetInt64());
        Assert.Equal(15, s.GetProperty("dmarcPass").GetInt64());
        var failure = Assert.Single(s.GetProperty("alignmentFailures").EnumerateArray());
        Assert.Equal("203.0.113.9", failure.GetProperty("ip").GetString());
        Assert.Contains(failure.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("not aligned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Low_own_pass_rate_and_a_new_unknown_source_raise_alerts_once()
    {
        var domain = SyntheticReports.NewDomain();
        await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", "alert-1", domain, ReportsFactory.T0, "none",
            new Row("192.0.2.10", 60), new Row("192.0.2.10", 40, "fail", "fail"), new Row("203.0.113.77", 500, "fail", "fail"), new Row("203.0.113.78", 100, "fail", "fail")), "a1.xml");
        await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", "alert-2", domain, ReportsFactory.T0.AddDays(1), "none",
            new Row("192.0.2.10", 100), new Row("203.0.113.77", 800, "fail", "fail")), "a2.xml");
        var mine = host.Alerts.Alerts.Where(a => a.Detail!.Contains(domain, StringComparison.Ordinal)).ToList();
        var own = Assert.Single(mine, a => a.Detail!.StartsWith("DMARC own-IP pass rate", StringComparison.Ordinal));
        Assert.Contains("60.0% (60 of 100 messages)", own.Detail, StringComparison.Ordinal);
        // 203.0.113.78 sent exactly N (100): not more than N, no alert; .77 alerts once although it came back.
        var unknown = Assert.Single(mine, a => a.Detail!.StartsWith("DMARC unknown source", StringComparison.Ordinal));
        Assert.Equal("203.0.113.77", unknown.EgressIp);
        Assert.Equal(MtaEventType.Alert, unknown.Type);
    }

    [Fact]
    public async Task A_tenant_key_sees_only_reports_of_its_own_domains()
    {
        var mine = await NewTenantAsync();
        var other = await NewTenantAsync();
        var myDomain = SyntheticReports.NewDomain();
        var otherDomain = SyntheticReports.NewDomain();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/api/v1/tenants/{mine}/domains", new { name = myDomain, algorithm = "ed25519" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/api/v1/tenants/{other}/domains", new { name = otherDomain, algorithm = "ed25519" })).StatusCode);
        await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", "scope-1", myDomain, ReportsFactory.T0, "none", new Row("192.0.2.10", 3)), "s1.xml");
        await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", "scope-2", otherDomain, ReportsFactory.T0, "none", new Row("192.0.2.10", 4)), "s2.xml");
        var key = (await (await _admin.PostAsJsonAsync($"/api/v1/tenants/{mine}/api-keys", new { name = "k", role = "admin" })).ReadJsonAsync()).GetProperty("key").GetString()!;
        var client = host.ClientWithKey(key);
        Assert.Equal(3, (await client.DmarcAsync(myDomain)).GetProperty("messages").GetInt64());
        Assert.Equal(0, (await client.DmarcAsync(otherDomain)).GetProperty("messages").GetInt64());
        Assert.DoesNotContain(otherDomain, (await client.DmarcAsync("")).GetProperty("domains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/reports", new ByteArrayContent([1]))).StatusCode);
        Assert.Equal(4, (await _admin.DmarcAsync(otherDomain)).GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task Raw_bytes_are_dropped_after_the_retention_and_parsed_rows_stay()
    {
        var domain = SyntheticReports.NewDomain();
        var xml = SyntheticReports.Aggregate("org.example", "ret-1", domain, ReportsFactory.T0, "none", new Row("192.0.2.10", 9));
        await _admin.UploadAsync(xml, "r.xml");
        var id = (await _admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/reports?domain={domain}"))[0].GetProperty("id").GetInt64();
        Assert.Equal(xml, await _admin.GetByteArrayAsync($"/api/v1/reports/{id}/raw"));
        host.Time.Advance(TimeSpan.FromDays(91));
        // The class shares one host and clock: the module's own scheduled run may already have dropped it, so assert the effect.
        await ActivatorUtilities.CreateInstance<ReportRetentionJob>(host.Services).RunAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/reports/{id}/raw")).StatusCode);
        Assert.Equal(9, (await _admin.DmarcAsync(domain)).GetProperty("messages").GetInt64());
    }

    [Fact]
    public async Task Policy_advice_cites_days_and_alignment()
    {
        var domain = SyntheticReports.NewDomain();
        var midnight = new DateTimeOffset(ReportsFactory.T0.UtcDateTime.Date, TimeSpan.Zero); // reports cover whole UTC days
        for (var day = 0; day < 15; day++)
            await _admin.UploadAsync(SyntheticReports.Aggregate("org.example", $"adv-{day}", domain, midnight.AddDays(day), "none",
                new Row("192.0.2.10", 997), new Row("203.0.113.5", 3, "fail", "fail")), $"d{day}.xml");
        var advice = (await _admin.DmarcAsync(domain)).GetProperty("advice");
        Assert.Equal("advance", advice.GetProperty("kind").GetString());
        Assert.Equal("quarantine", advice.GetProperty("nextPolicy").GetString());
        Assert.StartsWith("p=none for 15 days, 99.7% aligned (14,955 of 15,000 messages)", advice.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private async Task<string> NewTenantAsync()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/tenants", new { name = "t-" + Guid.NewGuid().ToString("N")[..8] });
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }
}
