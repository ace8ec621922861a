using Appliance.Mta.Dkim;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Rotation;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Domains;

/// <summary>A rotation step and its audit row are stored in one transaction: when either write fails, the domain stays where it was.</summary>
public sealed class DkimRotationAuditTests : IAsyncLifetime
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

    private DkimRotationService Rotation => _host.Services.GetRequiredService<DkimRotationService>();

    private string SigningSelector() => Assert.Single(_host.Services.GetRequiredService<IDkimKeyProvider>().Find(_tenant, _domain)!.Keys).Selector;

    [Fact]
    public async Task A_refused_audit_row_leaves_the_domain_stable_without_a_pending_key()
    {
        await RefusedWrites.RefuseAsync(_host, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Rotation.RotateNowAsync(_domain, "admin@example.com"));

        var d = await _admin.DomainAsync(_domain);
        Assert.Equal("stable", d.Phase());
        Assert.DoesNotContain(d.Selectors(), s => s.Status == "pending");
    }

    [Fact]
    public async Task A_refused_key_leaves_no_rotate_audit_row()
    {
        await RefusedWrites.RefuseAsync(_host, "DkimKeys");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Rotation.RotateNowAsync(_domain, "admin@example.com"));

        await using var db = _host.CreateDomainsDb();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "dkim.rotate"));
        Assert.Equal(RotationPhase.Stable, (await db.Domains.SingleAsync(x => x.Name == _domain)).Phase);
    }

    [Fact]
    public async Task A_refused_audit_row_at_the_switch_keeps_the_old_key_signing()
    {
        var first = SigningSelector();
        Assert.True((await Rotation.RotateNowAsync(_domain, "admin@example.com")).Succeeded);
        var pending = Assert.Single((await _admin.DomainAsync(_domain)).Selectors(), s => s.Status == "pending");
        _host.Dns.Publish($"{pending.Selector}._domainkey.{_domain}", [.. DkimTxtRecord.Split(pending.Txt)]);
        await RefusedWrites.RefuseAsync(_host, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _host.ScanAsync());

        Assert.Equal("awaitingPublication", (await _admin.DomainAsync(_domain)).Phase());
        Assert.Equal(first, SigningSelector());
        await using var db = _host.CreateDomainsDb();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "dkim.switch"));
    }
}
