using Appliance.Web.Components.Pages.Domains;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Rotation;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Security;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Appliance.Web.Tests.Domains;

/// <summary>bUnit over the real services: the domain page shows the records with copy buttons and the six rotation steps.</summary>
public sealed class DomainPagesTests(DomainsFactory host) : IClassFixture<DomainsFactory>
{
    private BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<Appliance.Web.Security.Scope.ICallerScope>(Appliance.Web.Tests.Infrastructure.FixedCallerScope.Global);
        ctx.Services.AddSingleton(host.Services.GetRequiredService<DomainService>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<DomainHealthService>());
        ctx.Services.AddSingleton(host.Services.GetRequiredService<DkimRotationService>());
        ctx.AddAuthorization().SetAuthorized("admin@example.com").SetPolicies(Permissions.CanView, Permissions.CanConfigure, Permissions.CanViewTenant, Permissions.CanManageTenant);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return ctx;
    }

    [Fact]
    public async Task Domain_page_shows_the_dkim_record_copy_buttons_and_the_rotation_steps()
    {
        var tenant = await host.NewTenantAsync();
        var name = DomainsFactory.NewDomainName();
        var created = await host.Services.GetRequiredService<DomainService>().CreateAsync(tenant, new CreateDomainRequest(name), "test");
        await using var ctx = Context();

        var page = ctx.Render<DomainPage>(p => p.Add(x => x.Name, name));

        page.WaitForAssertion(() => Assert.Contains(created.Value!.Active[0].TxtRecord, page.Find("#records-table").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(page.FindAll(".copy-value"));
        Assert.Equal(RotationSteps.Titles.Length, page.FindAll(".rotation-step").Count);
        Assert.NotEmpty(page.FindAll("#rotate-now"));
    }

    [Fact]
    public async Task Missing_domain_shows_a_notice()
    {
        await using var ctx = Context();

        var page = ctx.Render<DomainPage>(p => p.Add(x => x.Name, "absent.example.com"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#domain-missing")));
    }
}
