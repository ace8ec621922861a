using Appliance.Mta.Configuration;
using Appliance.Mta.Queue;
using Appliance.Web.Api;
using Appliance.Web.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// Message inspection (issue 20): per-tenant retention of accepted messages' contents, encrypted under
/// {DataDir}/inspection, expired by <see cref="ContentRetentionJob"/>; the message page's content section, HTML preview
/// and .eml download for holders of the content permission, every view audited. The settings are loaded at start by
/// the <see cref="Startup.StartupSteps.ContentRetention"/> step.
/// </summary>
public static class InspectionModule
{
    public static IServiceCollection AddInspectionModule(this IServiceCollection services)
    {
        services.AddOptions<InspectionOptions>().BindConfiguration(InspectionOptions.Section);
        services.AddSingleton(sp => new MessageContentStore(sp.GetRequiredService<IDataProtectionProvider>(),
            Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<MtaOptions>>().Value.DataDir), "inspection")));
        services.AddSingleton<ContentRetentionPolicies>();
        services.AddSingleton<ContentRetentionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentRetentionWriter>());
        services.AddSingleton<IAcceptedMessageObserver>(sp => sp.GetRequiredService<ContentRetentionWriter>());
        services.AddScoped<ContentRetentionService>();
        services.AddScoped<MessageInspectionService>();
        services.AddSingleton(sp => RecurringJob.For<ContentRetentionJob>(ContentRetentionJob.Key,
            sp.GetRequiredService<IOptions<InspectionOptions>>().Value.ExpiryInterval, TimeSpan.FromMinutes(1)));
        return services;
    }

    public static WebApplication MapInspectionModule(this WebApplication app)
    {
        app.MapInspectionUiEndpoints();
        app.MapGroup(ApiEndpoints.Prefix).MapInspectionApiEndpoints();
        return app;
    }
}
