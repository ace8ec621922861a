using Appliance.Web.Scheduling;
using Microsoft.Extensions.Options;
using Appliance.Mta.Dkim;
using Appliance.Web.Api;
using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Domains.Api;
using Appliance.Web.Modules.Domains.Jobs;
using Appliance.Web.Modules.Domains.Rotation;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Security;

namespace Appliance.Web.Modules.Domains;

/// <summary>
/// Sending domains: tenants' domains, DKIM keys (generated here, encrypted at rest, rotated on a schedule), the DNS
/// records to publish with live checks and history, From-domain enforcement and return-path domains. Gives the engine
/// its <see cref="IDkimKeyProvider"/> and the bounces module <see cref="IReturnPathDomains"/>. It does not sign
/// (the engine's DKIM filter does) nor evaluate SPF/DMARC (the engine's DomainHealthChecker does).
/// </summary>
public static class DomainsModule
{
    public static IServiceCollection AddDomainsModule(this IServiceCollection services)
    {
        services.AddOptions<DkimOptions>().BindConfiguration(DkimOptions.Section);
        services.AddSingleton<DkimKeyProtector>();
        services.AddSingleton<DkimKeyFactory>();
        services.AddSingleton<DkimRecordProbe>();
        services.AddSingleton<TlsaRecordProbe>();
        services.AddSingleton<DomainKeySnapshot>();
        services.AddSingleton<IDkimKeyProvider>(sp => sp.GetRequiredService<DomainKeySnapshot>());
        services.AddSingleton<IReturnPathDomains>(sp => sp.GetRequiredService<DomainKeySnapshot>());
        services.AddSingleton<DomainService>();
        services.AddSingleton<HostAddresses>();
        services.AddSingleton<DnsRecordAdvisor>();
        services.AddSingleton<DomainHealthService>();
        services.AddSingleton<DkimRotationService>();
        services.AddHostedService<DomainSnapshotLoader>();
        // First runs after one interval: at start the snapshot is fresh and nothing is due yet.
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DkimOptions>>().Value;
            return RecurringJob.For<DkimRotationJob>(DkimRotationJob.Key, o.RotationScanInterval, o.RotationScanInterval);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DkimOptions>>().Value;
            return RecurringJob.For<DomainHealthJob>(DomainHealthJob.Key, o.HealthCheckInterval, o.HealthCheckInterval);
        });
        return services;
    }

    public static WebApplication MapDomainsModule(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DkimOptions>>().Value.PublicSuffixListFile is { Length: > 0 } psl)
            Appliance.Mta.Dns.Dmarc.OrganizationalDomain.UseList(Appliance.Mta.Dns.Dmarc.PublicSuffixList.Load(psl));
        app.MapGroup(ApiEndpoints.Prefix).MapDomainsEndpoints();
        return app;
    }
}
