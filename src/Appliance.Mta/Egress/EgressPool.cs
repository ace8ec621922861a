namespace Appliance.Mta.Egress;

/// <summary>A named set of weighted egress sources (KumoMTA egress_pool, PowerMTA virtual-mta-pool).</summary>
public sealed record EgressPool(string Name, IReadOnlyList<EgressPoolMember> Members);
