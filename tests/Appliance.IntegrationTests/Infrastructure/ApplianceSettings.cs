namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Ports and options for one appliance instance; fixed across restarts on the same DataDir.</summary>
public sealed record ApplianceSettings
{
    /// <summary>Bootstrap admin API key (Authorization: Bearer).</summary>
    public const string ApiKey = "it-api-key-0123456789abcdef0123456789abcdef";

    /// <summary>Bootstrap admin password.</summary>
    public const string AdminPassword = "It-Admin-Passw0rd!";

    /// <summary>The loopback address every listener binds (127.0.0.1; a cluster node has its own 127.0.0.x).</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>HTTP port (admin UI, API, /healthz).</summary>
    public int HttpPort { get; init; } = PortAllocator.Next();

    /// <summary>Relay listener port (port-25 style, RelayHosts may relay without AUTH).</summary>
    public int RelayPort { get; init; } = PortAllocator.Next();

    /// <summary>Submission listener port (STARTTLS then AUTH).</summary>
    public int SubmissionPort { get; init; } = PortAllocator.Next();

    /// <summary>Implicit-TLS submission port.</summary>
    public int SmtpsPort { get; init; } = PortAllocator.Next();

    /// <summary>The dnsmasq endpoint, e.g. "127.0.0.1:5353".</summary>
    public required string DnsServer { get; init; }

    /// <summary>Port used on every MX host's address for delivery.</summary>
    public required int DeliveryPort { get; init; }

    /// <summary>Optional smart host "127.0.0.1:port" overriding MX routing.</summary>
    public string? SmartHost { get; init; }

    /// <summary>CIDR list allowed to relay without AUTH.</summary>
    public string RelayHosts { get; init; } = "127.0.0.1/32";

    /// <summary>Delivery retry base interval (short, so scenarios see retries).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retry interval cap.</summary>
    public TimeSpan MaxRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Queue lifetime before a deferred message expires and bounces.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Any extra "--Key=Value" arguments.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The appliance command line for a given data directory.</summary>
    public IReadOnlyList<string> Arguments(string dataDir)
    {
        var args = new List<string>
        {
            "--urls", $"http://{Address}:{HttpPort}",
            $"--Appliance:DataDir={dataDir}",
            "--Appliance:Hostname=appliance.test",
            $"--Appliance:Smtp:Relay={Address}:{RelayPort}",
            $"--Appliance:Smtp:Submission={Address}:{SubmissionPort}",
            $"--Appliance:Smtp:Smtps={Address}:{SmtpsPort}",
        };
        // The documented scalar form, plus the indexed form that plain List<string> binding reads.
        args.Add($"--Appliance:Smtp:RelayHosts={RelayHosts}");
        var hosts = RelayHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < hosts.Length; i++)
        {
            args.Add($"--Appliance:Smtp:RelayHosts:{i}={hosts[i]}");
        }

        args.Add($"--Appliance:Dns:Servers={DnsServer}");
        args.Add($"--Appliance:Dns:Servers:0={DnsServer}");
        args.Add($"--Appliance:Delivery:Port={DeliveryPort}");
        if (SmartHost is not null)
        {
            args.Add($"--Appliance:Delivery:SmartHost={SmartHost}");
        }

        args.Add($"--Appliance:Delivery:RetryInterval={RetryInterval:c}");
        args.Add($"--Appliance:Delivery:MaxRetryInterval={MaxRetryInterval:c}");
        args.Add($"--Appliance:Delivery:MaxAge={MaxAge:c}");
        args.Add("--Appliance:Bootstrap:AdminEmail=admin@appliance.test");
        args.Add($"--Appliance:Bootstrap:AdminPassword={AdminPassword}");
        args.Add($"--Appliance:Bootstrap:ApiKey={ApiKey}");
        // Webhook receivers and MTA-STS policy hosts are test peers on loopback, refused by the outbound HTTP guard by default.
        args.Add("--Appliance:OutboundHttp:AllowedNetworks:0=127.0.0.0/8");
        args.Add("--Appliance:OutboundHttp:AllowedNetworks:1=::1/128");
        // SQLite in the data folder, or (APPLIANCE_TEST_DB_PROVIDER=postgresql) the folder's own PostgreSQL database,
        // passed as users pass it; ExtraArguments come later and win.
        args.AddRange(TestDatabase.Arguments(dataDir));
        args.AddRange(ExtraArguments);
        return args;
    }
}
