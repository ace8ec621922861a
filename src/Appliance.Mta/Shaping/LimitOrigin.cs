namespace Appliance.Mta.Shaping;

/// <summary>Where an effective limit came from, so the UI can say why a queue sends as it does.</summary>
public enum LimitOrigin
{
    Default,
    Provider,
    Override,
    Backoff,
}
