using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Appliance.Mta.Shaping;

/// <summary>
/// An automation rule: when <see cref="Threshold"/> responses matching <see cref="Pattern"/> arrive within
/// <see cref="Window"/>, apply <see cref="Action"/> to <see cref="Scope"/> for <see cref="Duration"/>.
/// The pattern is a regular expression over the whole response line ("421 4.7.28 ... rate limited").
/// </summary>
public sealed record BackoffRule
{
    /// <summary>
    /// Name of the rule, unique within its owner; shown as the origin of a backoff in the UI and events.
    /// </summary>
    public required string Name { get; init; }
    /// <summary>
    /// Regular expression matched case-insensitively against the whole response line (50 ms match timeout).
    /// </summary>
    public required string Pattern { get; init; }
    /// <summary>
    /// Matching responses within <see cref="Window"/> that switch the backoff on (default 1: the first match).
    /// </summary>
    public int Threshold { get; init; } = 1;
    /// <summary>Sliding window over which matches are counted (default 5 minutes).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>What the backoff does while on (default: suspend sending).</summary>
    public BackoffAction Action { get; init; } = BackoffAction.Suspend;
    /// <summary>
    /// What the backoff applies to: the ready queue, the whole site or the whole source (default: the ready queue).
    /// </summary>
    public BackoffScope Scope { get; init; } = BackoffScope.Queue;

    /// <summary>The rate for <see cref="BackoffAction.Throttle"/>.</summary>
    public MessageRate? Rate { get; init; }

    /// <summary>How long a backoff lasts once on; matches during it do not extend it (default 30 minutes).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>The compiled pattern (case-insensitive, with a match timeout so a bad pattern cannot stall delivery).</summary>
    public Regex Regex => Compiled.GetOrAdd(Pattern, static p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)));

    /// <summary>True when the response line matches; a pattern that times out counts as no match.</summary>
    public bool IsMatch(string response)
    {
        try { return Regex.IsMatch(response); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    /// <summary>
    /// Every problem with the rule (no name, bad pattern, threshold below 1, non-positive window or duration, throttle
    /// without rate), each prefixed with <paramref name="owner"/>; empty when valid.
    /// </summary>
    public IEnumerable<string> Validate(string owner)
    {
        string? regexError = null;
        try { _ = new Regex(Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
        catch (ArgumentException ex) { regexError = ex.Message; }
        if (string.IsNullOrWhiteSpace(Name)) yield return $"{owner}: a backoff rule has no name.";
        if (regexError is not null) yield return $"{owner}: backoff rule '{Name}' has a bad pattern: {regexError}";
        if (Threshold < 1) yield return $"{owner}: backoff rule '{Name}' needs a threshold of at least 1.";
        if (Window <= TimeSpan.Zero) yield return $"{owner}: backoff rule '{Name}' needs a positive window.";
        if (Duration <= TimeSpan.Zero) yield return $"{owner}: backoff rule '{Name}' needs a positive duration.";
        if (Action == BackoffAction.Throttle && Rate is null) yield return $"{owner}: backoff rule '{Name}' throttles but names no rate.";
    }
}
