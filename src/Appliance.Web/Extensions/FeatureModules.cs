using Appliance.Web.Modules.TenantUsers;
using Appliance.Web.Modules.Inspection;
using Appliance.Web.Modules.EventStore;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Metrics;
using Appliance.Web.Modules.Backup;
using Appliance.Web.Modules.Webhooks;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Modules.BounceRules;
using Appliance.Web.Modules.TlsReporting;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Services.Admin;
using Appliance.Web.Modules.Pools;

namespace Appliance.Web.Extensions;

/// <summary>
/// The feature modules under Modules/ (domains and DKIM, suppressions and inbound, bounce rules, webhooks,
/// metrics...). Each module has one AddXxxModule and one MapXxxModule extension; this file lists them, one line each.
/// </summary>
public static class FeatureModules
{
    public static IServiceCollection AddFeatureModules(this IServiceCollection services)
    {
        services.AddBackupModule();
        services.AddMetricsModule();
        services.AddEventStoreModule();
        services.AddDomainsModule();
        services.AddWebhooksModule();
        services.AddSuppressionsModule();
        services.AddBounceRulesModule();
        services.AddTlsReportingModule();
        services.AddReportsModule();
        services.AddAdminFeatures();
        services.AddPoolsModule();
        services.AddTenantUsersModule();
        services.AddInspectionModule();
        return services;
    }

    public static WebApplication MapFeatureModules(this WebApplication app)
    {
        app.MapBackupModule();
        app.MapMetricsModule();
        app.MapEventStoreModule();
        app.MapDomainsModule();
        app.MapWebhooksModule();
        app.MapSuppressionsModule();
        app.MapBounceRulesModule();
        app.MapReportsModule();
        app.MapPoolsModule();
        app.MapTenantUsersModule();
        app.MapInspectionModule();
        return app;
    }
}
