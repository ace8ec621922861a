namespace Appliance.Mta.Diagnostics;

/// <summary>Instantaneous engine values read on demand.</summary>
public sealed record MtaGaugeValues(int QueueDepth, int InboundConnections, int OutboundConnections)
{
    public static readonly MtaGaugeValues Zero = new(0, 0, 0);
}
