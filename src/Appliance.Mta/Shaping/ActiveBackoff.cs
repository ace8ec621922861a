namespace Appliance.Mta.Shaping;

/// <summary>
/// A backoff in force: which rule fired, on what (<see cref="Scope"/> and <see cref="Key"/>: "source->site", a site or
/// a source), the response that tipped it over the threshold, and when it ends.
/// </summary>
public sealed record ActiveBackoff(
    string Rule,
    BackoffAction Action,
    BackoffScope Scope,
    string Key,
    MessageRate? Rate,
    string TriggerResponse,
    int Matches,
    DateTimeOffset Since,
    DateTimeOffset Until);
