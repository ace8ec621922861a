using Appliance.Mta.Configuration;

namespace Appliance.Mta.Tests.Configuration;

/// <summary>The settings rules, checked together, each failure with its configuration key.</summary>
public sealed class MtaOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(MtaOptionsValidator.Check(new MtaOptions { Hostname = "mx.example.net" }));
    }

    [Fact]
    public void Ephemeral_listener_ports_and_IPv6_endpoints_are_valid()
    {
        var o = new MtaOptions { Hostname = "mx.example.net", Smtp = new SmtpServerOptions { Relay = "127.0.0.1:0", Submission = "[::1]:587", Smtps = "" } };

        Assert.Empty(MtaOptionsValidator.Check(o));
    }

    [Theory]
    [InlineData("mx.example.net")]
    [InlineData("mx.example.net.")] // absolute name
    [InlineData("buildhost")]       // a machine name without a domain (the default) still starts
    public void Host_names_in_domain_syntax_are_valid(string hostname)
    {
        Assert.Empty(MtaOptionsValidator.Check(new MtaOptions { Hostname = hostname }));
    }

    public static TheoryData<Func<MtaOptions, MtaOptions>, string> BadValues => new()
    {
        { o => o with { Hostname = "bad host" }, "Appliance:Hostname" },
        { o => o with { Hostname = "" }, "Appliance:Hostname" },
        { o => o with { Hostname = "mx..example.net" }, "Appliance:Hostname" },
        { o => o with { Hostname = "-mx.example.net" }, "Appliance:Hostname" },
        { o => o with { DataDir = " " }, "Appliance:DataDir" },
        { o => o with { Smtp = o.Smtp with { Relay = "1.2.3.4" } }, "Appliance:Smtp:Relay" },
        { o => o with { Smtp = o.Smtp with { Submission = "nowhere:587" } }, "Appliance:Smtp:Submission" },
        { o => o with { Smtp = o.Smtp with { RelayHosts = ["10.0.0.0/8", "bogus"] } }, "Appliance:Smtp:RelayHosts" },
        { o => o with { Smtp = o.Smtp with { MaxMessageSize = 100 } }, "Appliance:Smtp:MaxMessageSize" },
        { o => o with { Smtp = o.Smtp with { MaxRecipients = 99 } }, "Appliance:Smtp:MaxRecipients" },
        { o => o with { Smtp = o.Smtp with { MaxConnectionsPerIp = 0 } }, "Appliance:Smtp:MaxConnectionsPerIp" },
        { o => o with { Smtp = o.Smtp with { MaxConnectionsPerIp = 50, MaxConnections = 10 } }, "Appliance:Smtp:MaxConnectionsPerIp" },
        { o => o with { Smtp = o.Smtp with { CommandTimeout = TimeSpan.Zero } }, "Appliance:Smtp:CommandTimeout" },
        { o => o with { Dns = o.Dns with { Servers = ["127.0.0.1"] } }, "Appliance:Dns:Servers" },
        { o => o with { Inbound = o.Inbound with { MaxConcurrentPerIp = 0 } }, "Appliance:Inbound:MaxConcurrentPerIp" },
        { o => o with { Delivery = o.Delivery with { Port = 70000 } }, "Appliance:Delivery:Port" },
        { o => o with { Delivery = o.Delivery with { SmartHost = "relay.example" } }, "Appliance:Delivery:SmartHost" },
        { o => o with { Delivery = o.Delivery with { MaxAge = TimeSpan.FromDays(31) } }, "Appliance:Delivery:MaxAge" },
        { o => o with { Delivery = o.Delivery with { MaxConnectionsPerSite = 1001 } }, "Appliance:Delivery:MaxConnectionsPerSite" },
        { o => o with { Delivery = o.Delivery with { RetryInterval = TimeSpan.FromHours(1), MaxRetryInterval = TimeSpan.FromMinutes(10) } }, "Appliance:Delivery:MaxRetryInterval" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_reported_with_its_key(Func<MtaOptions, MtaOptions> change, string key)
    {
        var errors = MtaOptionsValidator.Check(change(new MtaOptions { Hostname = "mx.example.net" }));

        Assert.Equal(key, Assert.Single(errors).Key);
    }

    [Fact]
    public void Every_bad_key_is_reported_not_just_the_first()
    {
        var o = new MtaOptions
        {
            Hostname = "bad host",
            Smtp = new SmtpServerOptions { MaxMessageSize = 1 },
            Delivery = new DeliveryOptions { Port = 0 },
        };

        var result = new MtaOptionsValidator().Validate(null, o);

        Assert.True(result.Failed);
        Assert.Equal(["Appliance:Hostname", "Appliance:Smtp:MaxMessageSize", "Appliance:Delivery:Port"], MtaOptionsValidator.Check(o).Select(e => e.Key));
        Assert.Contains("Appliance:Smtp:MaxMessageSize: 1 is not a whole number from 1024 to 2147483647", result.FailureMessage, StringComparison.Ordinal);
    }
}
