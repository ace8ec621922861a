using Appliance.Mta.Smtp;

namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// Classifies SMTP replies and DSN statuses into bounce categories. Singleton; built from rules and reloadable live
/// (<see cref="Reload"/> swaps the whole compiled set atomically; classifications in flight keep the old one).
/// </summary>
/// <remarks>
/// Order: the first matching regex rule (custom rules, then the file's provider-specific and generic rules); else the
/// RFC 3463 status table (exact "5.1.1", then "X.1.1", then "X.1.*"); else Uncategorized. Hard/soft: RFC 5321 §4.2.1
/// (5yz permanent, 4yz transient; without a reply code the enhanced class, RFC 3463 §3.1) unless the rule or the
/// status entry sets <c>hard</c>.
/// </remarks>
public sealed partial class BounceClassifier
{
    private volatile BounceRuleSet _rules;

    /// <summary>A classifier over the shipped rules only.</summary>
    public BounceClassifier() : this(BounceRuleSet.Shipped()) { }

    public BounceClassifier(BounceRuleSet rules) => _rules = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The rule set in use.</summary>
    public BounceRuleSet Rules => _rules;

    /// <summary>Raised after <see cref="Reload"/>.</summary>
    public event Action<BounceRuleSet>? Reloaded;

    /// <summary>Replaces the rules live.</summary>
    public void Reload(BounceRuleSet rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        Reloaded?.Invoke(rules);
    }

    /// <summary>Classifies a reply code, an RFC 3463 enhanced status code ("5.1.1") and the reply text.</summary>
    public BounceClassification Classify(int? replyCode, string? enhancedCode, string? text) =>
        Classify(replyCode, enhancedCode, text, out _);

    /// <summary>As <see cref="Classify(int?, string?, string?)"/>, also naming the rule that decided (null: status table or none).</summary>
    public BounceClassification Classify(int? replyCode, string? enhancedCode, string? text, out string? ruleId)
    {
        var rules = _rules;
        var enhanced = Normalize(enhancedCode);
        var subject = $"{replyCode} {enhanced} {Unwrap(text)}";
        var defaultHard = IsPermanent(replyCode, enhanced);
        ruleId = null;
        foreach (var rule in rules.Rules)
        {
            if (!rule.Matches(enhanced, subject)) continue;
            ruleId = rule.Id;
            return Verdict(rules, rule.Category, rule.Definition.Hard ?? defaultHard);
        }
        if (enhanced is not null && Lookup(rules, enhanced) is { } mapped)
            return Verdict(rules, mapped.Category, mapped.Hard ?? defaultHard);
        return Verdict(rules, BounceCategory.Uncategorized, defaultHard);
    }

    /// <summary>The action of a category under the current rules.</summary>
    public BounceAction ActionOf(BounceCategory category) => _rules.Actions[category];

    private static BounceClassification Verdict(BounceRuleSet rules, BounceCategory category, bool hard) =>
        new(category, hard, rules.Actions[category]);

    private static bool IsPermanent(int? replyCode, string? enhanced) => replyCode switch
    {
        >= 500 and < 600 => true,
        >= 200 and < 500 => false,
        _ => enhanced?.StartsWith('5') ?? false,
    };

    private static (BounceCategory Category, bool? Hard)? Lookup(BounceRuleSet rules, string enhanced)
    {
        var parts = enhanced.Split('.');
        if (parts.Length != 3) return null;
        if (rules.Statuses.TryGetValue(enhanced, out var exact)) return exact;
        if (rules.Statuses.TryGetValue($"X.{parts[1]}.{parts[2]}", out var anyClass)) return anyClass;
        if (rules.Statuses.TryGetValue($"X.{parts[1]}.*", out var subject)) return subject;
        return null;
    }

    /// <summary>
    /// Multi-line replies flattened into one string repeat the code on every line ("... is 550-5.7.1 likely ...",
    /// RFC 5321 §4.2.1): those repeats are removed so phrases match across line breaks.
    /// </summary>
    private static string Unwrap(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return ContinuationRegex().Replace(text, " ");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=\S)\s+[245]\d\d[ \-](?:[245]\.\d{1,3}\.\d{1,3}\s)?(?=\S)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex ContinuationRegex();

    /// <summary>"5.1.1 (permanent)" → "5.1.1"; anything not an RFC 3463 code → null.</summary>
    private static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var token = code.Trim().Split([' ', '\t', '('], 2)[0];
        return EnhancedStatusCode.TryParse(token, out _) ? token : null;
    }
}
