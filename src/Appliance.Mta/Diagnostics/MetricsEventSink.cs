using Appliance.Mta.Events;

namespace Appliance.Mta.Diagnostics;

/// <summary>The engine's <see cref="IEventSink"/>: counts each event in <see cref="MtaMetrics"/>, then forwards it.</summary>
public sealed class MetricsEventSink(IEventSink inner, MtaMetrics metrics) : IEventSink
{
    /// <inheritdoc/>
    public void Write(MtaEvent e)
    {
        metrics.Record(e.Type, e.Timestamp);
        inner.Write(e);
    }
}
