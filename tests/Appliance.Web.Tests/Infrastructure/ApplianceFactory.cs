using Appliance.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>
/// The real host in memory, with its own temporary DataDir, SMTP listeners disabled and a bootstrap admin API key.
/// Subclasses or <see cref="WithSettings"/> add settings; <see cref="ConfigureServicesForTest"/> adds fakes.
/// </summary>
public class ApplianceFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDataDir;

    public ApplianceFactory() : this(null, new Dictionary<string, string?>()) { }

    protected ApplianceFactory(string? dataDir, Dictionary<string, string?> settings)
    {
        _ownsDataDir = dataDir is null;
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("appliance-web-tests-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Appliance:DataDir"] = DataDir,
            ["Appliance:Smtp:Relay"] = "",
            ["Appliance:Smtp:Submission"] = "",
            ["Appliance:Smtp:Smtps"] = "",
            ["Appliance:Bootstrap:ApiKey"] = AdminKey,
            // Test receivers (webhooks, MTA-STS, TLS-RPT) listen on loopback, which the outbound HTTP guard refuses by default.
            ["Appliance:OutboundHttp:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Appliance:OutboundHttp:AllowedNetworks:1"] = "::1/128",
        };
        foreach (var (k, v) in TestDatabase.Settings(DataDir)) _settings[k] = v;
        foreach (var (k, v) in settings) _settings[k] = v;
    }

    public string DataDir { get; }

    /// <summary>A factory over the same or a new DataDir with extra settings.</summary>
    public static ApplianceFactory WithSettings(Dictionary<string, string?> settings, string? dataDir = null) => new(dataDir, settings);

    public Action<IServiceCollection>? ConfigureServicesForTest { get; init; }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public ApplianceDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (ConfigureServicesForTest is { } configure) builder.ConfigureTestServices(configure);
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (ObjectDisposedException)
        {
            // Under WebApplicationFactory the host is stopped twice (by the factory and by Program's app.Run()).
            // The engine's MtaEngineHostedService.StopAsync disposes SmtpServerHost each time, and a second
            // SmtpServerHost.DisposeAsync throws; reported to the engine owner. Not a Web failure.
        }
        if (disposing && _ownsDataDir)
        {
            TestDatabase.Drop(DataDir);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
