namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The MTA-STS side of a scenario: a test CA made now, written as PEM into the work folder; a loopback HTTPS policy
/// server (RFC 8461 §3.3) with a certificate from that CA for every mta-sts.{domain} host and one policy per domain;
/// and the appliance arguments that trust the CA, fetch policies from the server's port and flush TLS-RPT every 2 s.
/// </summary>
public sealed class MtaStsPolicyHost : IAsyncDisposable
{
    private MtaStsPolicyHost(MtaStsTestCa ca, HttpsPolicyServer server, string caFile)
    {
        Ca = ca;
        Server = server;
        CaFile = caFile;
    }

    /// <summary>The test CA (it may issue other certificates of the scenario, e.g. the sink's).</summary>
    public MtaStsTestCa Ca { get; }

    public HttpsPolicyServer Server { get; }

    /// <summary>The CA certificate as PEM, given to the appliance as ExtraTrustedCaFile.</summary>
    public string CaFile { get; }

    /// <summary>The appliance's command-line settings for this policy host.</summary>
    public IReadOnlyList<string> ApplianceArguments =>
    [
        $"--Appliance:Delivery:MtaSts:ExtraTrustedCaFile={CaFile}",
        $"--Appliance:Delivery:MtaSts:PolicyPort={Server.Port}",
        "--Appliance:TlsReporting:FlushInterval=00:00:02",
    ];

    /// <summary>Starts the server with <paramref name="policies"/> (domain, policy text), the CA written to <paramref name="caFile"/>.</summary>
    public static MtaStsPolicyHost Start(string caFile, IReadOnlyList<(string Domain, string Policy)> policies)
    {
        var ca = new MtaStsTestCa();
        ca.WriteCertificate(caFile);
        var server = new HttpsPolicyServer(ca.Issue([.. policies.Select(p => "mta-sts." + p.Domain)]));
        foreach (var (domain, policy) in policies) server.Policy("mta-sts." + domain, policy);
        server.Start();
        return new MtaStsPolicyHost(ca, server, caFile);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Ca.Dispose();
    }
}
