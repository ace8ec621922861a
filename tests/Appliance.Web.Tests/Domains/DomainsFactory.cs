using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Dns;
using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains;
using Appliance.Web.Modules.Domains.Rotation;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Domains;

/// <summary>
/// The real host with a fake clock, a programmable TXT zone and an alert recorder. The Quartz jobs are scheduled
/// ten years out, so only the tests advance rotations (through <see cref="ScanAsync"/>).
/// </summary>
public sealed class DomainsFactory : ApplianceFactory
{
    public static readonly DateTimeOffset T0 = new(2031, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public DomainsFactory()
        : base(null, new Dictionary<string, string?>
        {
            ["Appliance:Dkim:RotationScanInterval"] = "3650.00:00:00",
            ["Appliance:Dkim:HealthCheckInterval"] = "3650.00:00:00",
            // Small keys keep the tests fast; the default (2048) is asserted separately.
            ["Appliance:Dkim:RsaBits"] = "1024",
            ["Appliance:Dkim:SendingIps:0"] = "192.0.2.10",
        })
    {
        ConfigureServicesForTest = services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IDnsResolver>(Dns);
            services.AddSingleton<IEventListener>(Alerts);
        };
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public TxtZone Dns { get; } = new();

    public AlertRecorder Alerts { get; } = new();

    public Task<int> ScanAsync() => Services.GetRequiredService<DkimRotationService>().ScanAsync();

    public ApplianceDbContext CreateDomainsDb() => Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    /// <summary>A new tenant (unique name) through the API.</summary>
    public async Task<string> NewTenantAsync()
    {
        var response = await CreateAdminClient().PostAsJsonAsync("/api/v1/tenants", new { name = "t-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>A unique domain name under example.com.</summary>
    public static string NewDomainName() => $"d{Guid.NewGuid().ToString("N")[..8]}.example.com";
}
