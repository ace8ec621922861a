using Appliance.Mta.Hosting;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Web.Api;
using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Reports.Api;
using Appliance.Web.Modules.Reports.Imap;
using Appliance.Web.Modules.Reports.Ingestion;
using Appliance.Web.Modules.Reports.Jobs;
using Appliance.Web.Modules.Reports.Mail;
using Appliance.Web.Modules.Reports.Ownership;
using Appliance.Web.Modules.Reports.Queries;
using Appliance.Web.Scheduling;
using Appliance.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports;

/// <summary>
/// DMARC aggregate (RFC 7489), TLS-RPT (RFC 8460) and DMARC failure (RFC 6591) report ingestion by mail to the
/// appliance's report mailboxes, IMAPS polling and upload; storage with deduplication and raw retention; the
/// dashboards' queries, policy advice and alerts. Parsing is the engine's (Appliance.Mta.Reports); this module
/// owns storage, channels and presentation.
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReportsModule(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section);
        // Replaceable: IP pools can register their own view of "our addresses" before this module.
        services.TryAddSingleton<IOwnSendingAddresses, ConfiguredOwnSendingAddresses>();
        services.AddSingleton<ReportMailboxAddresses>();
        services.AddSingleton<ReportDomainOwners>();
        services.AddSingleton<ReportAlertEvaluator>();
        services.AddSingleton<ReportIngestionService>();
        services.AddSingleton<ReportQueryService>();
        services.AddSingleton<MailboxPasswordProtector>();
        services.AddSingleton<MailboxService>();
        services.AddSingleton<ImapMailboxPoller>();
        // The engine's pipeline asks them at its ReportMailboxes slot (EnginePipeline: before inbound processing).
        services.AddKeyedSingleton<IReceptionFilter, ReportMailFilter>(EnginePipeline.ReportMailboxes);
        services.AddKeyedSingleton<IRecipientPolicy, ReportRecipientPolicy>(EnginePipeline.ReportMailboxes);
        services.AddSingleton(sp =>
        {
            var interval = sp.GetRequiredService<IOptions<ReportsOptions>>().Value.PollInterval;
            return RecurringJob.For<ImapPollJob>(ImapPollJob.Key, interval, interval < TimeSpan.FromSeconds(30) ? interval : TimeSpan.FromSeconds(30));
        });
        services.AddSingleton(_ => RecurringJob.For<ReportRetentionJob>(ReportRetentionJob.Key, TimeSpan.FromHours(6), TimeSpan.FromMinutes(5)));
        return services;
    }

    public static WebApplication MapReportsModule(this WebApplication app)
    {
        var api = app.MapGroup(ApiEndpoints.Prefix);
        api.MapReportsEndpoints();
        api.MapMailboxEndpoints();
        return app;
    }
}
