namespace Appliance.Web.Security.Access;

/// <summary>Wiring of <see cref="EndpointAccessTable"/>: the startup check and the enforcing middleware.</summary>
public static class EndpointAccessExtensions
{
    public static IServiceCollection AddEndpointAccess(this IServiceCollection services) =>
        services.AddHostedService<EndpointAccessStartupCheck>();

    /// <summary>After UseAuthentication/UseAuthorization: every routed request passes the table.</summary>
    public static IApplicationBuilder UseEndpointAccess(this IApplicationBuilder app) =>
        app.UseMiddleware<EndpointAccessMiddleware>();
}
