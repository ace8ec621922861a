using System.Globalization;
using Appliance.Mta.Shaping;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>Converts between the engine's <see cref="ShapingRule"/> and the API's <see cref="ShapingRuleDto"/>, with field errors for bad text.</summary>
public static class ShapingRuleMapper
{
    public static ShapingRuleDto ToDto(ShapingRule r) => new(r.Name, r.Mx, r.Domains, r.Provider, r.Source, ToDto(r.Limits), r.Backoff.Select(ToDto).ToList());

    public static ShapingLimitsDto ToDto(ShapingLimits l) => new(l.MaxConnections, l.MessagesPerConnection, l.MessageRate?.ToString(), l.MaxRecipientsPerTransaction,
        Text(l.ConnectTimeout), Text(l.GreetingTimeout), Text(l.DataTimeout), Text(l.RetryInterval));

    public static BackoffRuleDto ToDto(BackoffRule b) => new(b.Name, b.Pattern, b.Threshold, Text(b.Window), Lower(b.Action), Lower(b.Scope), b.Rate?.ToString(), Text(b.Duration));

    /// <summary>The engine rule for a DTO; unparsable values are reported in <paramref name="errors"/> (and the rule is then not usable).</summary>
    public static ShapingRule ToRule(ShapingRuleDto d, FieldErrors errors)
    {
        var l = d.Limits ?? new ShapingLimitsDto();
        return new ShapingRule
        {
            Name = d.Name?.Trim() ?? "",
            Mx = Clean(d.Mx),
            Domains = Clean(d.Domains),
            Provider = string.IsNullOrWhiteSpace(d.Provider) ? null : d.Provider.Trim(),
            Source = string.IsNullOrWhiteSpace(d.Source) ? null : d.Source.Trim(),
            Limits = new ShapingLimits
            {
                MaxConnections = l.MaxConnections,
                MessagesPerConnection = l.MessagesPerConnection,
                MessageRate = Rate(l.MessageRate, "limits.messageRate", errors),
                MaxRecipientsPerTransaction = l.MaxRecipientsPerTransaction,
                ConnectTimeout = Duration(l.ConnectTimeout, "limits.connectTimeout", errors),
                GreetingTimeout = Duration(l.GreetingTimeout, "limits.greetingTimeout", errors),
                DataTimeout = Duration(l.DataTimeout, "limits.dataTimeout", errors),
                RetryInterval = Duration(l.RetryInterval, "limits.retryInterval", errors),
            },
            Backoff = (d.Backoff ?? []).Select(b => ToRule(b, errors)).ToList(),
        };
    }

    private static BackoffRule ToRule(BackoffRuleDto b, FieldErrors errors)
    {
        var rule = new BackoffRule { Name = b.Name?.Trim() ?? "", Pattern = b.Pattern ?? "" };
        if (b.Threshold is { } t) rule = rule with { Threshold = t };
        if (Duration(b.Window, "backoff.window", errors) is { } w) rule = rule with { Window = w };
        if (Duration(b.Duration, "backoff.duration", errors) is { } du) rule = rule with { Duration = du };
        if (!string.IsNullOrWhiteSpace(b.Action))
            if (Enum.TryParse<BackoffAction>(b.Action, true, out var a) && Enum.IsDefined(a) && !int.TryParse(b.Action, out _)) rule = rule with { Action = a };
            else errors.Add("backoff.action", $"Backoff rule '{b.Name}': the action must be suspend, throttle or bounce.");
        if (!string.IsNullOrWhiteSpace(b.Scope))
            if (Enum.TryParse<BackoffScope>(b.Scope, true, out var s) && Enum.IsDefined(s) && !int.TryParse(b.Scope, out _)) rule = rule with { Scope = s };
            else errors.Add("backoff.scope", $"Backoff rule '{b.Name}': the scope must be queue, site or source.");
        return rule with { Rate = Rate(b.Rate, "backoff.rate", errors) };
    }

    private static MessageRate? Rate(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (MessageRate.TryParse(text, out var rate)) return rate;
        errors.Add(field, $"'{text}' is not a rate; write it as N/s, N/min, N/h or N/day.");
        return null;
    }

    private static TimeSpan? Duration(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t)) return t;
        errors.Add(field, $"'{text}' is not a duration; write it as hh:mm:ss.");
        return null;
    }

    private static List<string> Clean(IReadOnlyList<string>? items) =>
        (items ?? []).Select(i => i.Trim().ToLowerInvariant()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static string? Text(TimeSpan? t) => t?.ToString("c", CultureInfo.InvariantCulture);

    private static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
