using System.Collections.Concurrent;

namespace Appliance.Mta.Diagnostics;

/// <summary>
/// Bounds the cardinality of one metric label: the first <see cref="MaxValues"/> distinct values pass through,
/// any later one is reported as <see cref="Other"/>, so a flood of tenants or sites cannot blow up the series count.
/// </summary>
public sealed class LabelLimiter(int maxValues)
{
    /// <summary>The label value reported for any value past the first <see cref="MaxValues"/> distinct ones.</summary>
    public const string Other = "other";
    /// <summary>The label value reported for a null or empty value.</summary>
    public const string None = "none";

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    /// <summary>Distinct values passed through before everything else becomes <see cref="Other"/>.</summary>
    public int MaxValues { get; } = maxValues;

    /// <summary>The label value to report for <paramref name="value"/> (<see cref="None"/> when empty).</summary>
    public string Map(string? value)
    {
        if (string.IsNullOrEmpty(value)) return None;
        if (_seen.ContainsKey(value)) return value;
        // Racing threads may admit one or two values past the bound; the bound stays small either way.
        if (_seen.Count >= MaxValues) return Other;
        _seen.TryAdd(value, 0);
        return value;
    }
}
