using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Tests.Settings;

/// <summary>Options are validated on start (ValidateOnStart): a bad configuration value stops start-up, naming each bad key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void Bad_configuration_values_stop_start_up_with_each_bad_key_named()
    {
        using var factory = ApplianceFactory.WithSettings(new()
        {
            ["Appliance:Hostname"] = "bad host",
            ["Appliance:Smtp:MaxMessageSize"] = "10",
            ["Appliance:Smtp:RelayHosts"] = "10.0.0.0/8, bogus",
            ["Appliance:Delivery:RetryInterval"] = "02:00:00",
            ["Appliance:Delivery:MaxRetryInterval"] = "01:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Appliance:Hostname: 'bad host' is not a valid host name", error.Message, StringComparison.Ordinal);
        Assert.Contains("Appliance:Smtp:MaxMessageSize:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Appliance:Smtp:RelayHosts: 'bogus'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Appliance:Delivery:MaxRetryInterval:", error.Message, StringComparison.Ordinal);
    }
}
