using System.Text.Json.Serialization;
using Appliance.Mta.Configuration;
using Appliance.Mta.Hosting;
using Appliance.Web.Api;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Limits;
using Appliance.Web.Cluster.Quotas;
using Appliance.Web.Configuration;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Appliance.Web.Security.Access;
using Appliance.Web.Services.TenantMetering;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Extensions;

/// <summary>
/// Composition root of the host: configuration binding, the settings database, Identity, the API key scheme,
/// the engine and its adapters, and the HTTP endpoints. Program.cs only calls these two methods.
/// </summary>
public static class ApplianceHostExtensions
{
    public static WebApplicationBuilder AddApplianceHost(this WebApplicationBuilder builder)
    {
        EmbeddedDefaults.AddTo(builder.Configuration);
        builder.Host.UseSystemd();
        builder.Logging.AddConsole();
        builder.UseBuildOutputStaticAssets();
        ConfigureHttpEndpoint(builder);

        var services = builder.Services;
        var config = builder.Configuration;
        // Validated together by the engine's MtaOptionsValidator on start: a bad value stops start-up naming each bad key.
        services.AddOptions<MtaOptions>().Bind(config.GetSection(MtaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<MtaOptions>, CommaSeparatedListPostConfigure>();
        services.Configure<BootstrapOptions>(config.GetSection(BootstrapOptions.Section));

        services.AddProblemDetails();
        // The settings database unreachable: API calls answer 503 problem+json (issue 19, failure behaviour).
        services.AddExceptionHandler<Appliance.Web.Api.DatabaseUnavailableExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

        services.AddApplianceData();
        services.AddApplianceDataProtection();
        services.AddApplianceSecurity();
        services.AddApplianceHttpHardening(config);
        // The initializer must start before the engine's hosted service (hosted services start in order).
        services.AddApplianceStartup();
        // Cluster-wide rates, connection leases and backoffs through Redis (before the engine's in-process defaults).
        services.AddClusterLimits(config);
        services.AddMtaEngine();
        services.AddEngineAdapters();
        services.AddApplianceUi();
        services.AddApplianceApi();
        services.AddApplianceScheduler();
        services.AddFeatureModules();
        // Tenant quota counters cluster-wide through Redis (replaces the node-local ones registered by the feature modules).
        services.AddClusterQuotas(config);
        services.AddApplianceCluster(config);
        services.AddEndpointAccess();
        return builder;
    }

    public static WebApplication UseApplianceHost(this WebApplication app)
    {
        app.UseApplianceHttpHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpointAccess();
        app.MapHealthEndpoint();
        app.MapApplianceApi();
        app.MapFeatureModules();
        app.MapTenantUsageUiEndpoints();
        app.UseApplianceUi();
        return app;
    }

    /// <summary>
    /// Listens on Appliance:Http ("127.0.0.1:8080" by default) unless --urls / ASPNETCORE_URLS (the "urls" key)
    /// or a Kestrel:Endpoints section says otherwise.
    /// </summary>
    private static void ConfigureHttpEndpoint(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])) return;
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists()) return;
        var http = builder.Configuration[HttpEndpointSettings.Key];
        builder.WebHost.UseUrls(HttpEndpointSettings.ToUrl(string.IsNullOrWhiteSpace(http) ? HttpEndpointSettings.Default : http));
    }
}
