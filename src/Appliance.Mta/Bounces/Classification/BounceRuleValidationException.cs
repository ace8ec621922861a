namespace Appliance.Mta.Bounces.Classification;

/// <summary>The rules did not validate; <see cref="Errors"/> lists every problem, one clear sentence each.</summary>
public sealed class BounceRuleValidationException : Exception
{
    public BounceRuleValidationException(IReadOnlyList<string> errors)
        : base("Invalid bounce rules: " + string.Join("; ", errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
