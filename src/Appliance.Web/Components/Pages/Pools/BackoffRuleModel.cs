using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Mta.Shaping;
using Appliance.Web.Modules.Pools.Shaping;

namespace Appliance.Web.Components.Pages.Pools;

/// <summary>
/// One backoff rule as the override form edits it (fields, not JSON), with the checks the form shows next to each
/// field before anything is sent. The service validates again (<see cref="ShapingRuleMapper"/>).
/// </summary>
public sealed class BackoffRuleModel
{
    public string? Name { get; set; }
    public string? Pattern { get; set; }
    public int? Threshold { get; set; } = 3;
    public string? Window { get; set; } = "00:05:00";
    public string Action { get; set; } = "suspend";
    public string Scope { get; set; } = "queue";
    public string? Rate { get; set; }
    public string? Duration { get; set; } = "00:30:00";

    public static BackoffRuleModel From(BackoffRuleDto b) => new()
    {
        Name = b.Name, Pattern = b.Pattern, Threshold = b.Threshold, Window = b.Window, Action = b.Action ?? "suspend",
        Scope = b.Scope ?? "queue", Rate = b.Rate, Duration = b.Duration,
    };

    public BackoffRuleDto ToDto() => new(Name?.Trim() ?? "", Pattern ?? "", Threshold, Blank(Window), Action, Scope,
        Action == "throttle" ? Blank(Rate) : null, Blank(Duration));

    /// <summary>Field name ("name", "pattern", "threshold", "window", "rate", "duration") to message; empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = "Name the rule.";
        if (string.IsNullOrWhiteSpace(Pattern)) errors["pattern"] = "Give a regular expression over the response line, e.g. ^421 .*rate.";
        else
        {
            try { _ = new Regex(Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)); }
            catch (ArgumentException ex) { errors["pattern"] = "Not a valid regular expression: " + ex.Message; }
        }
        if (Threshold is not { } t || t < 1) errors["threshold"] = "At least 1 matching response.";
        if (!IsDuration(Window)) errors["window"] = "A duration such as 00:05:00 (hh:mm:ss).";
        if (!IsDuration(Duration)) errors["duration"] = "A duration such as 00:30:00 (hh:mm:ss).";
        if (Action == "throttle" && (string.IsNullOrWhiteSpace(Rate) || !MessageRate.TryParse(Rate, out _)))
            errors["rate"] = "Throttle needs a rate: N/s, N/min, N/h or N/day.";
        return errors;
    }

    private static bool IsDuration(string? text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var d) && d > TimeSpan.Zero;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
