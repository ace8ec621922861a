using Appliance.Mta.Delivery;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Queue;

namespace Appliance.Mta.Hosting;

/// <summary>Reads the gauges from the running engine (zero connections before the listeners start).</summary>
public sealed class MtaGaugeReader(QueueStore queue, DeliveryDispatcher dispatcher, MtaEngineHostedService engine)
{
    /// <summary>Queue depth (messages), open inbound SMTP connections and open delivery connections, now.</summary>
    public MtaGaugeValues Read() =>
        new(queue.Count, engine.Server?.OpenConnections ?? 0, dispatcher.OpenConnections);
}
