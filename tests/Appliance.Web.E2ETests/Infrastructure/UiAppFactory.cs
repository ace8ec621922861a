using Appliance.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// The real host on Kestrel (random 127.0.0.1 port) with its own temporary DataDir and SMTP listeners off.
/// No bootstrap admin unless given, so the setup wizard is active. Runs in the Production environment from the build
/// output, as `dotnet run --project src/Appliance.Web` does for users (WebApplicationFactory's default is Development,
/// which serves static web assets that Production from build output did not: issue 16).
/// </summary>
public sealed class UiAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public UiAppFactory(Dictionary<string, string?>? settings = null)
    {
        DataDir = Directory.CreateTempSubdirectory("appliance-e2e-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Appliance:DataDir"] = DataDir,
            ["Appliance:Smtp:Relay"] = "",
            ["Appliance:Smtp:Submission"] = "",
            ["Appliance:Smtp:Smtps"] = "",
            // Test receivers listen on loopback, which the outbound HTTP guard refuses by default.
            ["Appliance:OutboundHttp:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        foreach (var (k, v) in TestDatabase.Settings(DataDir)) _settings[k] = v;
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string DataDir { get; }

    /// <summary>e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; }

    public ApplianceDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<ApplianceDbContext>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        catch (ObjectDisposedException)
        {
            // The host may be stopped twice under WebApplicationFactory; not a UI failure.
        }
        if (disposing)
        {
            TestDatabase.Drop(DataDir);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
