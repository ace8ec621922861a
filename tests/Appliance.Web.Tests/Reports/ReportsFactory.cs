using System.Net.Http.Headers;
using System.Net.Http.Json;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports;
using Appliance.Web.Tests.Domains;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Reports;

/// <summary>
/// The real host with a fake clock and an alert recorder; own sending addresses 192.0.2.10 and 198.51.100.0/24;
/// the IMAP poll job is scheduled ten years out (tests poll explicitly).
/// </summary>
public sealed class ReportsFactory : ApplianceFactory
{
    public static readonly DateTimeOffset T0 = new(2031, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ReportsFactory()
        : base(null, new Dictionary<string, string?>
        {
            ["Appliance:Dkim:SendingIps:0"] = "192.0.2.10",
            ["Appliance:Dkim:SendingIps:1"] = "198.51.100.0/24",
            ["Appliance:Dkim:RotationScanInterval"] = "3650.00:00:00",
            ["Appliance:Dkim:HealthCheckInterval"] = "3650.00:00:00",
            ["Appliance:Reports:PollInterval"] = "3650.00:00:00",
            ["Appliance:Reports:UnknownSourceAlertMessages"] = "100",
            ["Appliance:Reports:OwnPassRateMinMessages"] = "20",
        })
    {
        ConfigureServicesForTest = services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IEventListener>(Alerts);
            services.AddSingleton<Appliance.Mta.Dns.IDnsResolver>(Dns);
        };
    }

    /// <summary>Programmable DNS (return-path domains must have their MX at the appliance to receive reports).</summary>
    public TxtZone Dns { get; } = new();

    /// <summary>Makes <paramref name="domain"/> a sending domain of <paramref name="tenant"/>, points its MX at the
    /// appliance and sets it as the tenant's return-path domain (the appliance then answers for it).</summary>
    public async Task UseReturnPathDomainAsync(HttpClient admin, string tenant, string domain)
    {
        (await admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/domains", new { name = domain })).EnsureSuccessStatusCode();
        Dns.PublishMx(domain, Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Appliance.Mta.Configuration.MtaOptions>>().Value.Hostname);
        (await admin.PutAsJsonAsync($"/api/v1/suppressions/settings/{tenant}", new { action = "reject", returnPathDomain = domain, oneClickUnsubscribe = false })).EnsureSuccessStatusCode();
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public AlertRecorder Alerts { get; } = new();

    public ApplianceDbContext CreateReportsDb() => Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
