namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// <see cref="ClusterEnvironment"/> whose three nodes deliver everything through one smart host, the
/// <see cref="LimitsSink"/> on 127.0.0.1 (so the three share one site, <c>route:127.0.0.1:{port}</c>, and one ready
/// queue name, <c>default->route:127.0.0.1:{port}</c>). Each node greets with its own EHLO name
/// (<see cref="EhloNames"/>): all three connect from 127.0.0.1 (egress sources are shared settings, not bound per
/// node), so the sink tells the nodes apart by their EHLO.
/// </summary>
public sealed class ClusterLimitsEnvironment : ClusterEnvironment
{
    /// <summary>The nodes' EHLO names (Appliance:Hostname), A, B, C.</summary>
    public static readonly string[] EhloNames = ["node-a.test", "node-b.test", "node-c.test"];

    /// <summary>The smart host every node delivers to.</summary>
    public LimitsSink LimitsSink { get; private set; } = null!;

    /// <inheritdoc />
    protected override async Task StartPeersAsync() => LimitsSink = await LimitsSink.StartAsync(Path.Combine(WorkDir, "limits-sink"));

    /// <inheritdoc />
    protected override IEnumerable<string> NodeArguments(int index) =>
    [
        $"--Appliance:Hostname={EhloNames[index]}",
        $"--Appliance:Delivery:SmartHost={LimitsSink.Endpoint}",
        // Redis is killed on purpose in one scenario; queued mail must outlive it.
        "--Appliance:Delivery:MaxAge=00:10:00",
    ];

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (LimitsSink is not null) await LimitsSink.DisposeAsync();
    }
}
