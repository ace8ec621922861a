namespace Appliance.Mta.Bounces.Classification;

/// <summary>The verdict on one delivery failure: its category, hard (permanent) or soft, and what to do about it.</summary>
public sealed record BounceClassification(BounceCategory Category, bool Hard, BounceAction Action);
