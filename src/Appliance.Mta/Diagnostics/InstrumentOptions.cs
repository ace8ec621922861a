namespace Appliance.Mta.Diagnostics;

/// <summary>Cardinality bounds of the engine's instruments; the host sets them from its metrics configuration.</summary>
public sealed class InstrumentOptions
{
    /// <summary>Distinct tenant/source/domain label values per outcome instrument before "other" (<see cref="OutcomeInstruments"/>).</summary>
    public int MaxLabelValues { get; set; } = OutcomeInstruments.DefaultMaxLabelValues;

    /// <summary>Largest scheduled and ready queues reported one by one (<see cref="QueueInstruments"/>); the rest as "other".</summary>
    public int TopQueues { get; set; } = QueueInstruments.DefaultTopQueues;
}
