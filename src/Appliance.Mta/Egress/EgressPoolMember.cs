namespace Appliance.Mta.Egress;

/// <summary>A source in a pool with its share of the pool's traffic (weights are relative, greater than zero).</summary>
public sealed record EgressPoolMember(string Source, int Weight = 1);
