namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// The verdict on one delivery failure: its category, hard (a permanent failure about the recipient address) or soft,
/// what to do about it, and which precedence stage decided.
/// </summary>
public sealed record BounceClassification(BounceCategory Category, bool Hard, BounceAction Action,
    BounceClassificationStage Stage = BounceClassificationStage.None);
