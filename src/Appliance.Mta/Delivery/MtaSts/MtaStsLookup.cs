namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>The outcome of <see cref="MtaStsPolicyResolver.GetPolicyAsync"/>; ResultType is the RFC 8460 type of a fetch error.</summary>
public sealed record MtaStsLookup(MtaStsLookupStatus Status, MtaStsPolicy? Policy, string? ResultType, string Reason);
