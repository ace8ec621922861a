using System.Net;
using System.Security.Cryptography;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The DANE scenario (RFC 7672): zones signed at test time and served by nsd, validated by unbound
/// (<see cref="SignedZoneDns"/>); an aiosmtpd sink on <see cref="TlsSink"/> offering STARTTLS with a certificate for
/// <see cref="TaMx"/> from an openssl test CA (the chain, CA included, is sent), and a second sink on
/// <see cref="PlainSink"/> without STARTTLS; an HTTPS MTA-STS policy server for the domain that has both; and the
/// appliance with Appliance:Dns:DnssecValidating=true pointed at unbound.
/// </summary>
public sealed class DaneEnvironment : IAsyncLifetime
{
    public const Tool Requires = Tool.SignedZone | Tool.Aiosmtpd | Tool.Python;
    public const string TlsSink = "127.0.0.30";
    public const string PlainSink = "127.0.0.31";

    /// <summary>Case 1: DANE-EE 3 1 1 of the sink's key.</summary>
    public const string EeOk = "ee-ok.dane.test";

    /// <summary>Case 2: DANE-EE 3 1 1 of another key.</summary>
    public const string EeMismatch = "ee-bad.dane.test";

    /// <summary>Case 3: DANE-EE 3 1 1, the MX is the sink without STARTTLS.</summary>
    public const string NoStartTls = "notls.dane.test";

    /// <summary>Case 4: an unsigned zone (its TLSA, of another key, must be ignored).</summary>
    public const string Insecure = "insecure.test";

    /// <summary>Case 5: a zone whose signatures do not validate (bogus).</summary>
    public const string Bogus = "broken.test";

    /// <summary>Case 6: DANE-TA 2 0 1 of the test CA, certificate naming the MX.</summary>
    public const string TaOk = "ta-ok.dane.test";

    /// <summary>Case 6: DANE-TA 2 0 1 of the test CA, the MX name not in the certificate.</summary>
    public const string TaWrongName = "ta-badname.dane.test";

    /// <summary>Case 7: DANE-EE 3 1 1 and an MTA-STS enforce policy whose mx pattern matches nothing.</summary>
    public const string Both = "both.dane.test";

    public const string TaMx = "mx-ta.dane.test";

    private MtaStsPolicyHost _policyHost = null!;

    public string WorkDir { get; } = TestWorkDir.For("Dane");

    public string? SkipReason { get; private set; }

    public SignedZoneDns Dns { get; } = new();

    public AiosmtpdSink Sink { get; private set; } = null!;

    public AiosmtpdSink PlainSinkProcess { get; private set; } = null!;

    public HttpsPolicyServer Policies => _policyHost.Server;

    public ApplianceProcess Appliance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SkipReason = ToolPaths.MissingReason(Requires);
        if (SkipReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(WorkDir);
        var port = PortAllocator.Next(IPAddress.Parse(TlsSink), IPAddress.Parse(PlainSink));

        // The sink's certificate, from an openssl CA made now; the chain file carries the CA for DANE-TA (RFC 7671 §5.2.2).
        var ca = await OpensslTestCa.CreateAsync(Path.Combine(WorkDir, "ca"));
        var (leafPem, leafKey) = await ca.IssueAsync(TaMx);
        var sinkDir = Path.Combine(WorkDir, "sink");
        Directory.CreateDirectory(sinkDir);
        await File.WriteAllTextAsync(Path.Combine(sinkDir, "tls-cert.pem"), await File.ReadAllTextAsync(leafPem) + await File.ReadAllTextAsync(ca.CertificatePath));
        File.Copy(leafKey, Path.Combine(sinkDir, "tls-key.pem"));

        var sinkKey = OpensslTestCa.SpkiSha256(leafPem);
        var caCert = OpensslTestCa.CertificateSha256(ca.CertificatePath);
        var otherKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var tlsa = $"_{port}._tcp";

        Dns.Zone("dane.test", ZoneSigning.Signed,
            $"ee-ok MX 10 mx-ee", $"mx-ee A {TlsSink}", $"{tlsa}.mx-ee TLSA 3 1 1 {sinkKey}",
            $"ee-bad MX 10 mx-bad", $"mx-bad A {TlsSink}", $"{tlsa}.mx-bad TLSA 3 1 1 {otherKey}",
            $"notls MX 10 mx-notls", $"mx-notls A {PlainSink}", $"{tlsa}.mx-notls TLSA 3 1 1 {sinkKey}",
            $"ta-ok MX 10 mx-ta", $"mx-ta A {TlsSink}", $"{tlsa}.mx-ta TLSA 2 0 1 {caCert}",
            $"ta-badname MX 10 mx-ta-other", $"mx-ta-other A {TlsSink}", $"{tlsa}.mx-ta-other TLSA 2 0 1 {caCert}",
            $"both MX 10 mx-both", $"mx-both A {TlsSink}", $"{tlsa}.mx-both TLSA 3 1 1 {sinkKey}",
            "_mta-sts.both TXT \"v=STSv1; id=20261206\"", "mta-sts.both A 127.0.0.1")
            .Zone(Insecure, ZoneSigning.Unsigned, "@ MX 10 mx", $"mx A {TlsSink}", $"{tlsa}.mx TLSA 3 1 1 {otherKey}")
            .Zone(Bogus, ZoneSigning.WrongAnchor, "@ MX 10 mx", $"mx A {TlsSink}", $"{tlsa}.mx TLSA 3 1 1 {sinkKey}")
            .Zone(TestZone.SenderDomain, ZoneSigning.Unsigned, "@ MX 10 mx", $"mx A {PlainSink}");
        await Dns.StartAsync(WorkDir);

        // RFC 8461: a policy that would defer (no MX matches) if MTA-STS were applied to the DANE domain.
        _policyHost = MtaStsPolicyHost.Start(Path.Combine(WorkDir, "https-ca.pem"),
            [(Both, "version: STSv1\nmode: enforce\nmx: elsewhere.example\nmax_age: 86400\n")]);

        Sink = await AiosmtpdSink.StartAsync(sinkDir, [TlsSink], port, tls: true);
        PlainSinkProcess = await AiosmtpdSink.StartAsync(Path.Combine(WorkDir, "plain-sink"), [PlainSink], port, tls: false);

        var settings = new ApplianceSettings
        {
            DnsServer = Dns.Endpoint,
            DeliveryPort = port,
            ExtraArguments = ["--Appliance:Dns:DnssecValidating=true", .. _policyHost.ApplianceArguments],
        };
        Appliance = new ApplianceProcess(settings, Path.Combine(WorkDir, "appliance"));
        await Appliance.StartAsync();
    }

    public async Task<string> DiagnosticsAsync()
    {
        await Task.CompletedTask;
        return $"work dir: {WorkDir}\n--- appliance log\n{Appliance.Tail(60)}\n--- events\n"
            + string.Join('\n', Appliance.EventLines().TakeLast(20)) + $"\n--- sink\n{Sink.Tail(20)}\n--- plain sink\n{PlainSinkProcess.Tail(10)}\n{Dns.Tail(30)}";
    }

    public async Task DisposeAsync()
    {
        if (Appliance is not null)
        {
            await Appliance.DisposeAsync();
        }

        if (Sink is not null)
        {
            await Sink.DisposeAsync();
        }

        if (PlainSinkProcess is not null)
        {
            await PlainSinkProcess.DisposeAsync();
        }

        if (_policyHost is not null)
        {
            await _policyHost.DisposeAsync();
        }

        await Dns.DisposeAsync();
        TestWorkDir.Remove(WorkDir);
    }
}
