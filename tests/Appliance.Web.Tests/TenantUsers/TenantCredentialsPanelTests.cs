using Appliance.Web.Api.Contracts;
using Appliance.Web.Components.Pages.Admin;
using Appliance.Web.Components.Shared;
using Appliance.Web.Security;
using Appliance.Web.Security.Scope;
using Appliance.Web.Services;
using Appliance.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>
/// bUnit over the real services: the credentials and API key panels list a tenant's objects only for a caller whose
/// scope includes that tenant, whichever tenant a hosting page hands them, and a TenantViewer gets no create control.
/// </summary>
public sealed class TenantCredentialsPanelTests(TenantViewWorld world) : IClassFixture<TenantViewWorld>
{
    private BunitContext Context(IServiceScope scope, CallerScope caller, params string[] policies)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<ICallerScope>(new FixedCallerScope(caller));
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SmtpCredentialService>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
        ctx.AddAuthorization().SetAuthorized("tenant-user@example.com").SetPolicies(policies);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return ctx;
    }

    private static TenantResponse Tenant(TenantViewObjects t) => new(t.Tenant, t.Tenant, true, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Panels_given_another_tenant_list_nothing_of_it()
    {
        using var scope = world.Factory.Services.CreateScope();
        await using var ctx = Context(scope, new CallerScope(world.A.Tenant), Permissions.CanViewTenant, Permissions.CanManageTenant);

        var credentials = ctx.Render<TenantCredentials>(p => p.Add(x => x.Tenant, Tenant(world.B)));
        var keys = ctx.Render<TenantApiKeys>(p => p.Add(x => x.Tenant, Tenant(world.B)));

        // The panels load asynchronously (a database round trip on PostgreSQL): wait for the loaded state.
        credentials.WaitForAssertion(() => Assert.NotNull(credentials.Find("#no-credentials")), TimeSpan.FromSeconds(10));
        keys.WaitForAssertion(() => Assert.NotNull(keys.Find("#no-api-keys")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(world.B.Credential, credentials.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(world.B.KeyName, keys.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Panels_of_the_own_tenant_list_it_and_a_viewer_gets_no_create_control()
    {
        using var scope = world.Factory.Services.CreateScope();
        await using var ctx = Context(scope, new CallerScope(world.A.Tenant), Permissions.CanViewTenant);

        var credentials = ctx.Render<TenantCredentials>(p => p.Add(x => x.Tenant, Tenant(world.A)));
        var keys = ctx.Render<TenantApiKeys>(p => p.Add(x => x.Tenant, Tenant(world.A)));

        credentials.WaitForAssertion(() => Assert.Contains(world.A.Credential, credentials.Find("#credentials-table").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        keys.WaitForAssertion(() => Assert.Contains(world.A.KeyName, keys.Find("#api-keys-table").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        Assert.Empty(credentials.FindAll("#create-credential"));
        Assert.Empty(credentials.FindAll(".delete-credential"));
        Assert.Empty(keys.FindAll("#create-api-key"));
        Assert.Empty(keys.FindAll(".revoke-api-key"));
    }
}
