using Appliance.Web.Data.Modules;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>
/// Bounce rules: the rules of the engine's one classifier singleton (shipped or configured file + custom rules from this
/// module's table, reloaded live), the rules API and the admin page's service.
/// </summary>
public static class BounceRulesModule
{
    public static IServiceCollection AddBounceRulesModule(this IServiceCollection services)
    {
        services.AddOptions<BounceRulesOptions>().BindConfiguration(BounceRulesOptions.Section);
        services.AddSingleton<BounceRulesRuntime>();
        services.AddScoped<BounceRulesService>();
        return services;
    }

    public static WebApplication MapBounceRulesModule(this WebApplication app)
    {
        app.MapBounceRulesEndpoints();
        return app;
    }
}
