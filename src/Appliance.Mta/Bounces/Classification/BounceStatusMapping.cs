namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// RFC 3463 status code to category. <see cref="Code"/> is "5.1.1" (exact), "X.1.1" (any class) or "X.1.*"
/// (any detail of the subject). <see cref="Hard"/> overrides the category's hard/soft; <see cref="Generic"/> marks a
/// code that MTAs use as a catch-all (X.7.1 "delivery not authorized" for every kind of refusal), which generic text
/// then refines; X.Y.0 ("other or undefined", RFC 3463 §3) is always generic.
/// </summary>
public sealed record BounceStatusMapping(string Code, string Category, bool? Hard = null, bool Generic = false);
