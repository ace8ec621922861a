using Appliance.Mta.Configuration;
using Appliance.Web.Configuration;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Configuration;

public sealed class ListOptionsBindingTests
{
    private static MtaOptions Bind(IConfiguration config)
    {
        var services = new ServiceCollection();
        services.AddSingleton(config);
        services.Configure<MtaOptions>(config.GetSection(MtaOptions.Section));
        services.AddSingleton<IPostConfigureOptions<MtaOptions>, CommaSeparatedListPostConfigure>();
        return services.BuildServiceProvider().GetRequiredService<IOptions<MtaOptions>>().Value;
    }

    [Fact]
    public void Plain_binder_ignores_a_scalar_for_a_list_which_is_why_the_post_configure_exists()
    {
        var config = new ConfigurationBuilder().AddCommandLine(["--Appliance:Smtp:RelayHosts=10.0.0.0/8"]).Build();

        var options = config.GetSection(MtaOptions.Section).Get<MtaOptions>()!;

        Assert.DoesNotContain("10.0.0.0/8", options.Smtp.RelayHosts);
    }

    [Fact]
    public void Comma_separated_command_line_value_replaces_the_default_list()
    {
        var config = new ConfigurationBuilder()
            .AddCommandLine(["--Appliance:Smtp:RelayHosts=127.0.0.1/32, 10.0.0.0/8", "--Appliance:Dns:Servers=127.0.0.1:5353"])
            .Build();

        var options = Bind(config);

        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8"], options.Smtp.RelayHosts);
        Assert.Equal(["127.0.0.1:5353"], options.Dns.Servers);
    }

    [Fact]
    public void Indexed_values_replace_the_defaults_instead_of_appending()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Appliance:Smtp:RelayHosts:0"] = "192.0.2.0/24",
            ["Appliance:Smtp:RelayHosts:1"] = "198.51.100.0/24,203.0.113.0/24",
        }).Build();

        var options = Bind(config);

        Assert.Equal(["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"], options.Smtp.RelayHosts);
    }

    [Fact]
    public void Empty_value_clears_the_list_and_absent_key_keeps_the_default()
    {
        var cleared = Bind(new ConfigurationBuilder().AddCommandLine(["--Appliance:Smtp:RelayHosts="]).Build());
        var untouched = Bind(new ConfigurationBuilder().Build());

        Assert.Empty(cleared.Smtp.RelayHosts);
        Assert.Equal(new MtaOptions().Smtp.RelayHosts, untouched.Smtp.RelayHosts);
    }

    [Fact]
    public void Host_binds_comma_separated_relay_hosts_from_its_configuration()
    {
        using var factory = ApplianceFactory.WithSettings(new() { ["Appliance:Smtp:RelayHosts"] = "127.0.0.1/32,::1/128,10.1.0.0/16" });

        var options = factory.Services.GetRequiredService<IOptions<MtaOptions>>().Value;

        Assert.Equal(["127.0.0.1/32", "::1/128", "10.1.0.0/16"], options.Smtp.RelayHosts);
        Assert.Equal("", options.Smtp.Relay);
        Assert.Equal(factory.DataDir, options.DataDir);
    }
}
