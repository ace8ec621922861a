using System.Net;
using Appliance.Mta.Dkim;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Domains;

/// <summary>The six rotation steps driven by the fake clock and the fake DNS zone (one host per test: each owns the clock).</summary>
public sealed class DkimRotationStateMachineTests : IAsyncLifetime
{
    private readonly DomainsFactory _host = new();
    private HttpClient _admin = null!;
    private string _tenant = "", _domain = "";

    public async Task InitializeAsync()
    {
        _admin = _host.CreateAdminClient();
        _tenant = await _host.NewTenantAsync();
        _domain = DomainsFactory.NewDomainName();
        await _admin.AddDomainAsync(_tenant, _domain);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IDkimKeyProvider Signer => _host.Services.GetRequiredService<IDkimKeyProvider>();

    private string SigningSelector() => Assert.Single(Signer.Find(_tenant, _domain)!.Keys).Selector;

    [Fact]
    public async Task Scheduled_rotation_generates_verifies_switches_keeps_grace_and_retires()
    {
        var first = SigningSelector();
        Assert.Equal(0, await _host.ScanAsync()); // nothing due yet

        // Step 1-2: after the rotation interval a pending key appears with its record; signing is unchanged.
        _host.Time.Advance(TimeSpan.FromDays(90));
        await _host.ScanAsync();
        var d = await _admin.DomainAsync(_domain);
        Assert.Equal("awaitingPublication", d.Phase());
        var pending = Assert.Single(d.Selectors(), s => s.Status == "pending");
        Assert.NotEqual(first, pending.Selector);
        Assert.Equal(first, SigningSelector());

        // Step 3 waits for DNS: still awaiting without the record.
        _host.Time.Advance(TimeSpan.FromHours(1));
        await _host.ScanAsync();
        Assert.Equal("awaitingPublication", (await _admin.DomainAsync(_domain)).Phase());

        // Step 3-4: published (split into 255-octet strings, as a zone would) → switch.
        _host.Dns.Publish($"{pending.Selector}._domainkey.{_domain}", [.. DkimTxtRecord.Split(pending.Txt)]);
        await _host.ScanAsync();
        d = await _admin.DomainAsync(_domain);
        Assert.Equal("gracePeriod", d.Phase());
        Assert.Equal(pending.Selector, SigningSelector());
        Assert.Contains(d.Selectors(), s => s.Selector == first && s.Status == "retiring");

        // Step 5: the old selector stays (retiring) until the grace period is over.
        _host.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await _host.ScanAsync();
        Assert.Contains((await _admin.DomainAsync(_domain)).Selectors(), s => s.Selector == first && s.Status == "retiring");

        // Step 6: retired, key material wiped, next rotation 90 days out.
        _host.Time.Advance(TimeSpan.FromMinutes(2));
        await _host.ScanAsync();
        d = await _admin.DomainAsync(_domain);
        Assert.Equal("stable", d.Phase());
        Assert.DoesNotContain(d.Selectors(), s => s.Selector == first);
        Assert.All(d.GetProperty("rotation").GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("state").GetString()));
        Assert.Equal(_host.Time.GetUtcNow().AddDays(90), d.GetProperty("rotation").GetProperty("nextRotationAt").GetDateTimeOffset());
        await using var db = _host.CreateDomainsDb();
        var old = await db.DkimKeys.SingleAsync(k => k.Selector == first && k.Domain!.Name == _domain);
        Assert.Equal(DkimKeyStatus.Retired, old.Status);
        Assert.Equal("", old.ProtectedPrivateKey);
    }

    [Fact]
    public async Task Unpublished_record_raises_one_alert_at_the_deadline_and_the_badge_clears_on_switch()
    {
        var rotate = await _admin.PostAsync($"/api/v1/domains/{_domain}/dkim/rotate", null);
        Assert.Equal(HttpStatusCode.Accepted, rotate.StatusCode);

        _host.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await _host.ScanAsync();
        Assert.DoesNotContain(_host.Alerts.Alerts, a => a.Detail!.Contains(_domain, StringComparison.Ordinal));
        Assert.False((await _admin.DomainAsync(_domain)).GetProperty("rotation").GetProperty("alert").GetBoolean());

        _host.Time.Advance(TimeSpan.FromMinutes(2));
        await _host.ScanAsync();
        await _host.ScanAsync();
        var alert = Assert.Single(_host.Alerts.Alerts, a => a.Detail!.Contains(_domain, StringComparison.Ordinal));
        Assert.Equal(_tenant, alert.Tenant);
        var d = await _admin.DomainAsync(_domain);
        Assert.True(d.GetProperty("rotation").GetProperty("alert").GetBoolean());
        Assert.Equal("awaitingPublication", d.Phase());

        var pending = Assert.Single(d.Selectors(), s => s.Status == "pending");
        _host.Dns.Publish($"{pending.Selector}._domainkey.{_domain}", pending.Txt);
        await _host.ScanAsync();
        d = await _admin.DomainAsync(_domain);
        Assert.Equal("gracePeriod", d.Phase());
        Assert.False(d.GetProperty("rotation").GetProperty("alert").GetBoolean());
    }

    [Fact]
    public async Task A_record_with_another_key_does_not_switch()
    {
        await _admin.PostAsync($"/api/v1/domains/{_domain}/dkim/rotate", null);
        var pending = Assert.Single((await _admin.DomainAsync(_domain)).Selectors(), s => s.Status == "pending");
        var other = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256, 1024).TxtRecordValue;

        _host.Dns.Publish($"{pending.Selector}._domainkey.{_domain}", other);
        await _host.ScanAsync();

        Assert.Equal("awaitingPublication", (await _admin.DomainAsync(_domain)).Phase());
        Assert.NotEqual(pending.Selector, SigningSelector());
    }

    [Fact]
    public async Task Rotate_now_while_a_rotation_runs_is_a_conflict()
    {
        var first = await _admin.PostAsync($"/api/v1/domains/{_domain}/dkim/rotate", null);
        var second = await _admin.PostAsync($"/api/v1/domains/{_domain}/dkim/rotate", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rotate_now_with_the_record_already_published_switches_at_once()
    {
        // Selectors are date-stamped: the next one is predictable, so an admin may publish ahead.
        await _admin.PostAsync($"/api/v1/domains/{_domain}/dkim/rotate", null);
        var pending = Assert.Single((await _admin.DomainAsync(_domain)).Selectors(), s => s.Status == "pending");
        _host.Dns.Publish($"{pending.Selector}._domainkey.{_domain}", pending.Txt);

        await _host.ScanAsync();

        Assert.Equal(pending.Selector, SigningSelector());
        var steps = (await _admin.DomainAsync(_domain)).GetProperty("rotation").GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(["done", "done", "done", "done", "current", "waiting"], steps);
    }
}
