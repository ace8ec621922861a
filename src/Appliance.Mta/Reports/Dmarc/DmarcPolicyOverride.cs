namespace Appliance.Mta.Reports.Dmarc;

/// <summary>A reason the receiver applied another disposition than the policy (RFC 7489 Appendix C PolicyOverrideReason).</summary>
/// <param name="Type">forwarded, sampled_out, trusted_forwarder, mailing_list, local_policy, other.</param>
public sealed record DmarcPolicyOverride(string Type, string? Comment);
