using Appliance.Web.Components;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Appliance.Web.Extensions;

/// <summary>The admin UI: Blazor Server with MudBlazor, the Identity cookie, the setup wizard and the UI services.</summary>
public static class UiServiceCollectionExtensions
{
    public const string LoginPath = "/account/login";
    public const string SetupPath = "/setup";

    public static IServiceCollection AddApplianceUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        // Locked, deleted or re-roled users lose their cookie within a minute (their security stamp changed).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "appliance.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            var redirectToLogin = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                // Until the first administrator exists, the only useful page is the setup wizard.
                if (context.HttpContext.RequestServices.GetRequiredService<SetupState>().SetupRequired)
                {
                    context.Response.Redirect(SetupPath);
                    return Task.CompletedTask;
                }
                return redirectToLogin(context);
            };
        });
        services.AddAuthorizationBuilder().AddUiPolicies();

        services.AddSingleton<SetupState>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<HostnameSetting>();
        services.AddSingleton<Services.EngineSettings.EngineSettingsService>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddScoped<SetupService>();
        services.AddScoped<TenantService>();
        services.AddScoped<SmtpCredentialService>();
        services.AddScoped<RouteService>();
        services.AddScoped<UserAdminService>();
        // After ApplianceDatabaseInitializer (registered earlier), so the bootstrap admin is already there.
        services.AddHostedService<SetupTokenInitializer>();
        return services;
    }

    public static WebApplication UseApplianceUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        // SecurityHeaders sends the whole CSP (frame-ancestors 'none' included) instead of Blazor's "frame-ancestors 'self'".
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        return app;
    }
}
