namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// What a category means for the engine: add a suppression, keep retrying (or fail the recipient now), and feed
/// the warmup/backoff signals of the sending IP and pool.
/// </summary>
public sealed record BounceAction(bool Suppress, bool RetryAllowed, bool FeedsReputation);
