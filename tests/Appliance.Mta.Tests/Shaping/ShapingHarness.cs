using System.Buffers;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery;
using Appliance.Mta.Dns;
using Appliance.Mta.Egress;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Shaping;
using Appliance.Mta.Tests.Dns.Fakes;
using Appliance.Mta.Tests.Queue.Fakes;
using Appliance.Mta.Tests.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Tests.Shaping;

/// <summary>
/// The real queue, dispatcher, egress selector and shaper over a temp spool, delivering over real sockets to
/// <see cref="ShapingSink"/>: mail for gmail.test and other.test resolves (fake DNS) to the MX mx.sink.test, mail for txn.test to mx.txn.test
/// (another site), both at 127.0.0.1:sink port.
/// </summary>
internal sealed class ShapingHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _scheduler = Task.CompletedTask;
    private Task _delivery = Task.CompletedTask;

    private readonly bool _ownsSink;

    private ShapingHarness(ShapingSink sink, bool ownsSink)
    {
        Sink = sink;
        _ownsSink = ownsSink;
    }

    public ShapingSink Sink { get; }
    public string Dir { get; } = SpoolTestData.TempDir();
    public MtaOptions Options { get; } = new() { Hostname = "mta.test" };
    public ListEventSink Events { get; } = new();
    public EgressConfiguration Egress { get; } = new();
    public WarmupLimiter Warmup { get; } = new(TimeProvider.System);
    public BackoffTracker Backoff { get; } = new(TimeProvider.System);
    public TrafficShaper Shaper { get; private set; } = null!;
    public QueueManager Queue { get; private set; } = null!;
    public QueueStore Store { get; private set; } = null!;
    public MtaSettings Settings { get; private set; } = null!;
    public MessageAcceptor Acceptor { get; private set; } = null!;
    public DeliveryDispatcher Dispatcher { get; private set; } = null!;
    private SegmentSpool _spool = null!;
    private int _next;

    /// <param name="sink">A sink shared with another harness (another "node"); the harness then leaves it running.</param>
    /// <param name="throttles">Rate store shared with another harness (cluster limits); in-process by default.</param>
    /// <param name="leases">Connection leases shared with another harness; the single-node default grants every lease.</param>
    public static async Task<ShapingHarness> StartAsync(Action<MtaOptions>? configure = null, Appliance.Mta.Delivery.MtaSts.MtaStsEnforcer? mtaSts = null,
        ShapingSink? sink = null, IThrottleStore? throttles = null, IConnectionLeases? leases = null)
    {
        var h = new ShapingHarness(sink ?? await ShapingSink.StartAsync(), sink is null);
        h.Options.Delivery.Port = h.Sink.Port;
        h.Options.Delivery.IdleTimeout = TimeSpan.FromMilliseconds(300);
        configure?.Invoke(h.Options);
        var settings = h.Settings = new MtaSettings(h.Options);
        var dns = new FakeDnsResolver().AddAddress("mx.sink.test", "127.0.0.1");
        foreach (var d in new[] { "gmail.test", "other.test" }) dns.AddMx(d, "mx.sink.test", 10);
        // txn.test: another site (its own MX name, so its own ready queue) on the same sink.
        dns.AddAddress("mx.txn.test", "127.0.0.1").AddMx("txn.test", "mx.txn.test", 10);
        h._spool = new SegmentSpool(h.Dir, NullLogger<SegmentSpool>.Instance);
        var queue = new TestQueue(h._spool, new SpoolIdGenerator(TimeProvider.System), h.Events, new FixedTenantDirectory("t"), h.Options, TimeProvider.System);
        h.Shaper = new TrafficShaper(settings, h.Backoff);
        var resolver = new NextHopResolver(dns, new FakeRouteTable(), settings, TimeProvider.System);
        h.Dispatcher = new DeliveryDispatcher(queue.Scheduler, queue.Outcomes, resolver, h._spool, settings, TimeProvider.System, NullLogger<DeliveryDispatcher>.Instance,
            mtaSts: mtaSts, shaper: h.Shaper, egress: new EgressSelector(h.Egress, h.Warmup), events: h.Events, throttles: throttles, leases: leases);
        h.Queue = queue.Admin(h.Dispatcher);
        h.Store = queue.Store;
        h.Acceptor = queue.Acceptor;
        await queue.Acceptor.RecoverAsync(default);
        h._scheduler = queue.Scheduler.RunAsync(h._stop.Token);
        h._delivery = h.Dispatcher.RunAsync(h._stop.Token);
        return h;
    }

    /// <summary>Overrides for the sink's site (mx.sink.test), e.g. limits or backoff rules; fails the test if refused.</summary>
    public void Override(ShapingLimits limits, params BackoffRule[] backoff) =>
        Assert.Empty(Shaper.ReplaceOverrides([new ShapingRule { Name = "sink", Mx = ["sink.test"], Limits = limits, Backoff = backoff }]));

    public async Task SendAsync(string from, string to, string? stream = null)
    {
        var env = SpoolTestData.Envelope(from, to) with { ReceivedAt = DateTimeOffset.UtcNow, Campaign = null, Stream = stream, TenantId = "t" };
        var body = Encoding.ASCII.GetBytes($"From: <{from}>\r\nTo: <{to}>\r\nSubject: shaping {Interlocked.Increment(ref _next)}\r\n\r\nHello\r\n");
        var reply = await Acceptor.AcceptAsync(env, new ReadOnlySequence<byte>(body), default);
        Assert.True(reply.IsPositive, reply.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Dispatcher.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        try { await _scheduler; } catch (OperationCanceledException) { }
        await _delivery;
        await _spool.DisposeAsync();
        if (_ownsSink) await Sink.DisposeAsync();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
