using System.Net;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// dnsmasq (the test zone) + the aiosmtpd sinks + one appliance, started together; the
/// class fixture of most scenarios. When a required peer is missing nothing starts and
/// the tests (marked <see cref="IntegrationFactAttribute"/>) skip.
/// </summary>
public class MailEnvironment : IAsyncLifetime
{
    private readonly bool _smartHostSink;

    /// <summary>Standard environment: MX routing through dnsmasq to the sinks.</summary>
    public MailEnvironment()
        : this(smartHostSink: false)
    {
    }

    /// <summary>With <paramref name="smartHostSink"/>, a sink on 127.0.0.1 is the smart host for all mail.</summary>
    internal MailEnvironment(bool smartHostSink)
    {
        _smartHostSink = smartHostSink;
        WorkDir = Path.Combine(Path.GetTempPath(), "appliance-it", $"{GetType().Name}-{Guid.NewGuid().ToString("N")[..8]}");
    }

    /// <summary>Peers this environment needs.</summary>
    public const Tool Requires = Tool.Dnsmasq | Tool.Aiosmtpd | Tool.Python;

    /// <summary>Scratch directory of this environment (logs, DataDir, sink files).</summary>
    public string WorkDir { get; }

    /// <summary>Set when peers are missing (tests skip).</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The DNS server.</summary>
    public DnsmasqServer Dns { get; } = new();

    /// <summary>The MX-host sinks (and the smart-host sink on 127.0.0.1 when configured).</summary>
    public AiosmtpdSink Sink { get; private set; } = null!;

    /// <summary>The product.</summary>
    public ApplianceProcess Appliance { get; private set; } = null!;

    /// <summary>Overridable settings tweak (ports are fixed by then).</summary>
    protected virtual ApplianceSettings Customize(ApplianceSettings s) => s;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        SkipReason = ToolPaths.MissingReason(Requires);
        if (SkipReason is not null)
        {
            return;
        }

        Directory.CreateDirectory(WorkDir);
        await TestZone.Configure(Dns).StartAsync(Path.Combine(WorkDir, "dns"));
        string[] addresses = _smartHostSink ? ["127.0.0.1"] : TestZone.SinkAddresses;
        var port = PortAllocator.Next([.. TestZone.SinkAddresses.Append(TestZone.MultiPrimaryDown).Select(IPAddress.Parse)]);
        Sink = await AiosmtpdSink.StartAsync(Path.Combine(WorkDir, "sink"), addresses, port);
        var settings = new ApplianceSettings
        {
            DnsServer = Dns.Endpoint,
            DeliveryPort = port,
            SmartHost = _smartHostSink ? $"127.0.0.1:{port}" : null,
        };
        Appliance = new ApplianceProcess(Customize(settings), Path.Combine(WorkDir, "appliance"));
        await Appliance.StartAsync();
    }

    /// <summary>Everything useful when an assertion fails: logs of all peers and the queue.</summary>
    public async Task<string> DiagnosticsAsync()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"work dir: {WorkDir}");
        try
        {
            sb.AppendLine("queue: " + (await Appliance.Api.GetQueuesAsync()).Raw);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            sb.AppendLine("queue: unavailable: " + e.Message);
        }

        sb.AppendLine("--- appliance log (tail)").AppendLine(Appliance.Tail(80));
        sb.AppendLine("--- events (tail)").AppendLine(string.Join('\n', Appliance.EventLines().TakeLast(30)));
        sb.AppendLine("--- sink log (tail)").AppendLine(Sink.Tail(20));
        sb.AppendLine("--- dns log (tail)").AppendLine(Dns.Tail());
        return sb.ToString();
    }

    /// <inheritdoc />
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

        await Dns.DisposeAsync();
        if (Environment.GetEnvironmentVariable("APPLIANCE_IT_KEEP") != "1" && Directory.Exists(WorkDir))
        {
            try
            {
                Directory.Delete(WorkDir, recursive: true);
            }
            catch (IOException)
            {
                // a straggler still writing; the OS temp cleaner will get it
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
