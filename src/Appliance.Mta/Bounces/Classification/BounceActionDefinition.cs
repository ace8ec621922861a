namespace Appliance.Mta.Bounces.Classification;

/// <summary>A category's action as written in the rules file.</summary>
public sealed record BounceActionDefinition(bool Suppress, bool Retry, bool FeedsReputation);
