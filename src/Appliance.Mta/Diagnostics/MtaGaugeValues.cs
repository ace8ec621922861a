namespace Appliance.Mta.Diagnostics;

/// <summary>Instantaneous engine values read on demand.</summary>
public sealed record MtaGaugeValues(int QueueDepth, int InboundConnections, int OutboundConnections)
{
    /// <summary>All gauges zero: the value before the engine runs and while the host shuts down.</summary>
    public static readonly MtaGaugeValues Zero = new(0, 0, 0);
}
