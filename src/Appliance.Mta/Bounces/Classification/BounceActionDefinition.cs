namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// A category's action as written in the rules file. <see cref="Hard"/>: a permanent failure in this category is about
/// the recipient address (a hard bounce); otherwise it is about this message or the sender, and the address stays good.
/// </summary>
public sealed record BounceActionDefinition(bool Suppress, bool Retry, bool FeedsReputation, bool Hard = false);
