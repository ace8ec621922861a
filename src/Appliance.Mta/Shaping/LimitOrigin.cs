namespace Appliance.Mta.Shaping;

/// <summary>Where an effective limit came from, so the UI can say why a queue sends as it does.</summary>
public enum LimitOrigin
{
    /// <summary>The engine default (<see cref="Configuration.DeliveryOptions"/>).</summary>
    Default,
    /// <summary>A shipped provider rule.</summary>
    Provider,
    /// <summary>An administrator's override.</summary>
    Override,
    /// <summary>A backoff in force (a lowered rate).</summary>
    Backoff,
}
