namespace Appliance.Mta.Shaping;

/// <summary>A limit in force and its provenance: the layer and, unless it is the default, the rule's name.</summary>
public sealed record EffectiveLimit<T>(T Value, LimitOrigin Origin, string? Rule = null)
{
    /// <summary>"value (origin)" or "value (origin: rule)", as the shaping view shows it.</summary>
    public override string ToString() => Rule is null ? $"{Value} ({Origin})" : $"{Value} ({Origin}: {Rule})";
}
