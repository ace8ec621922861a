using System.Net.Http.Headers;
using Appliance.Mta.Events;
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
        };
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public AlertRecorder Alerts { get; } = new();

    public ReportsDbContext CreateReportsDb() => Services.GetRequiredService<IDbContextFactory<ReportsDbContext>>().CreateDbContext();

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
