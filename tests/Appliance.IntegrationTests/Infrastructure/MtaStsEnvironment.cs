using System.Net;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The MTA-STS scenario: a test CA; a loopback HTTPS policy server (certificate for every mta-sts.* host); dnsmasq with
/// the _mta-sts TXT, MX and mta-sts.* A records; an aiosmtpd sink on 127.0.0.20 offering STARTTLS with a certificate from
/// the test CA for <see cref="GoodMx"/> only; and the appliance trusting the test CA (ExtraTrustedCaFile) and fetching
/// policies from the server's port (PolicyPort).
/// </summary>
public sealed class MtaStsEnvironment : IAsyncLifetime
{
    public const Tool Requires = Tool.Dnsmasq | Tool.Aiosmtpd | Tool.Python;
    public const string SinkAddress = "127.0.0.20";
    public const string EnforceOk = "enforce-ok.sts.test";
    public const string EnforceNoMatch = "enforce-nomatch.sts.test";
    public const string EnforceBadCert = "enforce-badcert.sts.test";
    public const string TestingNoMatch = "testing-nomatch.sts.test";
    public const string TestingBadCert = "testing-badcert.sts.test";
    public const string GoodMx = "mx.enforce-ok.sts.test";
    /// <summary>A domain without an MTA-STS policy, its MX the TLS sink (TLS-RPT no-policy-found).</summary>
    public const string NoPolicy = "plain.sts.test";
    public const string OtherMx = "mx.other.sts.test";
    public const string BadCertMx = "mx.enforce-badcert.sts.test";

    private MtaStsPolicyHost _policyHost = null!;

    public string WorkDir { get; } = TestWorkDir.For("MtaSts");

    public string? SkipReason { get; private set; }

    public DnsmasqServer Dns { get; } = new();

    public HttpsPolicyServer Policies => _policyHost.Server;

    public AiosmtpdSink Sink { get; private set; } = null!;

    public ApplianceProcess Appliance { get; private set; } = null!;

    private static readonly (string Domain, string Mx, string Mode, string Pattern)[] Domains =
    [
        (EnforceOk, GoodMx, "enforce", GoodMx),
        (EnforceNoMatch, OtherMx, "enforce", "mx." + EnforceNoMatch),
        (EnforceBadCert, BadCertMx, "enforce", BadCertMx),
        (TestingNoMatch, OtherMx, "testing", "mx." + TestingNoMatch),
        (TestingBadCert, BadCertMx, "testing", BadCertMx),
    ];

    public async Task InitializeAsync()
    {
        SkipReason = ToolPaths.MissingReason(Requires);
        if (SkipReason is not null) return;
        Directory.CreateDirectory(WorkDir);
        _policyHost = MtaStsPolicyHost.Start(Path.Combine(WorkDir, "test-ca.pem"),
            [.. Domains.Select(d => (d.Domain, $"version: STSv1\nmode: {d.Mode}\nmx: {d.Pattern}\nmax_age: 86400\n"))]);

        TestZone.Configure(Dns).LocalZone("sts.test");
        foreach (var d in Domains)
        {
            Dns.Txt("_mta-sts." + d.Domain, "v=STSv1; id=20261129").A("mta-sts." + d.Domain, "127.0.0.1").Mx(d.Domain, d.Mx, 10);
        }
        Dns.A(GoodMx, SinkAddress).A(OtherMx, SinkAddress).A(BadCertMx, SinkAddress).Mx(NoPolicy, GoodMx, 10);
        await Dns.StartAsync(Path.Combine(WorkDir, "dns"));

        var sinkDir = Path.Combine(WorkDir, "sink");
        Directory.CreateDirectory(sinkDir);
        using (var sinkCert = _policyHost.Ca.Issue(GoodMx))
            MtaStsTestCa.WritePem(sinkCert, Path.Combine(sinkDir, "tls-cert.pem"), Path.Combine(sinkDir, "tls-key.pem"));
        var port = PortAllocator.Next([IPAddress.Parse(SinkAddress)]);
        Sink = await AiosmtpdSink.StartAsync(sinkDir, [SinkAddress], port, tls: true);

        var settings = new ApplianceSettings
        {
            DnsServer = Dns.Endpoint,
            DeliveryPort = port,
            ExtraArguments = [.. _policyHost.ApplianceArguments],
        };
        Appliance = new ApplianceProcess(settings, Path.Combine(WorkDir, "appliance"));
        await Appliance.StartAsync();
    }

    public async Task<string> DiagnosticsAsync()
    {
        await Task.CompletedTask;
        return $"work dir: {WorkDir}\npolicy requests: {string.Join(", ", Policies.Requests)}\n--- appliance log\n{Appliance.Tail(60)}\n--- events\n"
            + string.Join('\n', Appliance.EventLines().TakeLast(20)) + $"\n--- sink\n{Sink.Tail(20)}\n--- dns\n{Dns.Tail(30)}";
    }

    public async Task DisposeAsync()
    {
        if (Appliance is not null) await Appliance.DisposeAsync();
        if (Sink is not null) await Sink.DisposeAsync();
        if (_policyHost is not null) await _policyHost.DisposeAsync();
        await Dns.DisposeAsync();
        TestWorkDir.Remove(WorkDir);
    }
}
