namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// RFC 3463 status code to category. <see cref="Code"/> is "5.1.1" (exact), "X.1.1" (any class) or "X.1.*"
/// (any detail of the subject).
/// </summary>
public sealed record BounceStatusMapping(string Code, string Category, bool? Hard = null);
