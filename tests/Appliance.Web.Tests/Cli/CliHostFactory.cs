using Appliance.Mta.Admin;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Cli;

/// <summary>The real host on Kestrel (random loopback port) with a recording queue admin, for the CLI's HTTP client.</summary>
public sealed class CliHostFactory : ApplianceFactory
{
    public CliHostFactory()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public FakeQueueAdmin QueueAdmin { get; } = new();

    /// <summary>e.g. http://127.0.0.1:40123.</summary>
    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureTestServices(s => s.AddSingleton<IQueueAdmin>(QueueAdmin));
    }
}
