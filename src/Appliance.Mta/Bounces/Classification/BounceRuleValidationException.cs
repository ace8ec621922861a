namespace Appliance.Mta.Bounces.Classification;

/// <summary>The rules did not validate; <see cref="Errors"/> lists every problem, one clear sentence each.</summary>
public sealed class BounceRuleValidationException : Exception
{
    /// <summary>An exception listing every <paramref name="errors"/> entry in its message.</summary>
    public BounceRuleValidationException(IReadOnlyList<string> errors)
        : base("Invalid bounce rules: " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>Every problem found in the rules, one sentence each (never empty).</summary>
    public IReadOnlyList<string> Errors { get; }
}
