namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// What a category means for the engine: add a suppression, keep retrying (or fail the recipient now), feed the
/// warmup/backoff signals of the sending IP and pool (<see cref="FeedsReputation"/>: the reply says something about the
/// sender; otherwise it is list hygiene or an outage), and whether a permanent failure is a hard (address-level) bounce.
/// </summary>
public sealed record BounceAction(bool Suppress, bool RetryAllowed, bool FeedsReputation, bool HardWhenPermanent = false);
