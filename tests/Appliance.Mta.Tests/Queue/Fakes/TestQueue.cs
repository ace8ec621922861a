using Appliance.Mta.Admin;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Tests.Queue.Fakes;

/// <summary>The queue's parts wired as AddMtaEngine wires them, over a given spool (no DI container in unit tests).</summary>
internal sealed class TestQueue
{
    private readonly IEventSink _events;
    private readonly TimeProvider _time;

    public TestQueue(ISpool spool, SpoolIdGenerator ids, IEventSink events, ITenantDirectory tenants, MtaOptions options, TimeProvider time)
    {
        _events = events;
        _time = time;
        var wrapped = Options.Create(options);
        Store = new QueueStore(spool, wrapped, NullLogger<QueueStore>.Instance);
        Scheduler = new QueueScheduler(time);
        Acceptor = new MessageAcceptor(spool, ids, Store, Scheduler, events, time, NullLogger<MessageAcceptor>.Instance);
        Outcomes = new OutcomeApplier(Store, Scheduler, Acceptor, spool, events, tenants, wrapped, time, NullLogger<OutcomeApplier>.Instance);
        Lookup = new QueueLookup(Store, spool);
        Compactor = new SpoolCompactor(Store, spool, time, NullLogger<SpoolCompactor>.Instance);
    }

    public QueueStore Store { get; }
    public QueueScheduler Scheduler { get; }
    public MessageAcceptor Acceptor { get; }
    public OutcomeApplier Outcomes { get; }
    public QueueLookup Lookup { get; }
    public SpoolCompactor Compactor { get; }

    /// <summary>The admin façade, seeing <paramref name="readyQueues"/> (delivery's) when given.</summary>
    public QueueManager Admin(IReadyQueueControl? readyQueues = null) => new(Store, Scheduler, Outcomes, Lookup, _events, _time, readyQueues);
}
