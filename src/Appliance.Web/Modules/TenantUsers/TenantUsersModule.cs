namespace Appliance.Web.Modules.TenantUsers;

/// <summary>
/// Tenant users (TenantAdmin, TenantViewer): invitations mailed through the appliance's queue, the accept page, the
/// API. Who sees what is <see cref="Security.Scope.ICallerScope"/>'s (registered with the security services).
/// </summary>
public static class TenantUsersModule
{
    public static IServiceCollection AddTenantUsersModule(this IServiceCollection services)
    {
        services.AddOptions<InvitationOptions>().BindConfiguration(InvitationOptions.Section);
        services.AddScoped<TenantUserService>();
        return services;
    }

    public static WebApplication MapTenantUsersModule(this WebApplication app)
    {
        app.MapTenantUsersEndpoints();
        return app;
    }
}
