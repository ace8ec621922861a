using Appliance.Mta.Smtp;

namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// Classifies SMTP replies and DSN statuses into bounce categories. Singleton; built from rules and reloadable live
/// (<see cref="Reload"/> swaps the whole compiled set atomically; classifications in flight keep the old one).
/// </summary>
/// <remarks>
/// Precedence (docs/bounce-rules.md "Precedence"; <see cref="BounceClassificationStage"/>), first match wins:
/// <list type="number">
/// <item>custom (tenant/admin) rules;</item>
/// <item>the file's provider- and MTA-specific rules (a provider's own wording is more precise than any code it sends);</item>
/// <item>the enhanced status code's registered meaning (RFC 3463 §3, RFC 7372 §3, the RFC 5248 registry): exact "5.1.1",
/// then "X.1.1", then "X.1.*", except the "other or undefined" X.Y.0 codes, which only name a subject (RFC 3463 §3.1-§3.8);</item>
/// <item>the file's generic text rules (<c>"generic": true</c>);</item>
/// <item>an X.Y.0 code's subject entry;</item>
/// <item>the basic reply code (RFC 5321 §4.2.2);</item>
/// <item>else Uncategorized.</item>
/// </list>
/// Hard/soft: a rule's <c>hard</c>, else the status entry's <c>hard</c> (X.2.2 is soft: RFC 3463 §3.3 "useful for
/// persistent transient errors"), else permanent (5yz, RFC 5321 §4.2.1; without a reply code the enhanced class,
/// RFC 3463 §3.1) and the category is about the address (<see cref="BounceAction.HardWhenPermanent"/>: invalid recipient,
/// inactive mailbox, bad domain). A 5.7.1 refusal is permanent for this message but soft: the address is fine.
/// </remarks>
public sealed partial class BounceClassifier
{
    private volatile BounceRuleSet _rules;

    /// <summary>A classifier over the shipped rules only.</summary>
    public BounceClassifier() : this(BounceRuleSet.Shipped()) { }

    /// <summary>
    /// A classifier over <paramref name="rules"/> (shipped plus custom rules, already validated and compiled).
    /// </summary>
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

    /// <summary>As <see cref="Classify(int?, string?, string?)"/>, also naming the rule that decided (null: a code table or none).</summary>
    public BounceClassification Classify(int? replyCode, string? enhancedCode, string? text, out string? ruleId)
    {
        var rules = _rules;
        var enhanced = EmbeddedCode(text, Normalize(enhancedCode));
        var subject = $"{replyCode} {enhanced} {Unwrap(text)}";
        var permanent = IsPermanent(replyCode, enhanced);
        var status = enhanced is null ? null : Lookup(rules, enhanced);
        // RFC 3463 §3: X.Y.0 is "other or undefined" status of subject Y; it, and catch-alls such as X.7.1, say less than the text.
        var specific = status is { Generic: false };
        ruleId = null;
        if (FirstRule(rules, enhanced, subject, generic: false) is { } rule)
        {
            ruleId = rule.Id;
            return Verdict(rules, rule.Stage, rule.Category, rule.Definition.Hard ?? status?.Hard, permanent);
        }
        if (specific) return Verdict(rules, BounceClassificationStage.StatusCode, status!.Value.Category, status.Value.Hard, permanent);
        if (FirstRule(rules, enhanced, subject, generic: true) is { } generic)
        {
            ruleId = generic.Id;
            return Verdict(rules, generic.Stage, generic.Category, generic.Definition.Hard ?? status?.Hard, permanent);
        }
        if (status is { } subjectOnly) return Verdict(rules, BounceClassificationStage.StatusSubject, subjectOnly.Category, subjectOnly.Hard, permanent);
        if (replyCode is { } code && rules.ReplyCodes.TryGetValue(code, out var basic))
            return Verdict(rules, BounceClassificationStage.ReplyCode, basic.Category, basic.Hard, permanent);
        return Verdict(rules, BounceClassificationStage.None, BounceCategory.Uncategorized, null, permanent);
    }

    /// <summary>
    /// Classifies one recipient of a bounce report. As <see cref="Classify(int?, string?, string?)"/>, except that a
    /// connection failure reported with RFC 3464 §2.3.3 "Action: failed" but a transient outcome (a 4yz reply or 4.x.x
    /// status, or no code at all) means the reporting MTA stopped retrying: the message expired in its queue.
    /// </summary>
    public BounceClassification Classify(Parsing.BouncedRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var verdict = Classify(recipient.ReplyCode, recipient.Status, recipient.Diagnostic);
        var transient = recipient.ReplyCode is >= 400 and < 500
            || recipient.ReplyCode is null && recipient.Status?.StartsWith('5') != true;
        return verdict.Category == BounceCategory.ConnectionFailure && transient
            && string.Equals(recipient.Action, "failed", StringComparison.OrdinalIgnoreCase)
            ? Verdict(_rules, verdict.Stage, BounceCategory.MessageExpired, null, permanent: false)
            : verdict;
    }

    /// <summary>The first matching rule of one tier: custom and provider-specific rules, or the generic text rules.</summary>
    private static CompiledBounceRule? FirstRule(BounceRuleSet rules, string? enhanced, string subject, bool generic)
    {
        foreach (var rule in rules.Rules)
            if ((rule.Stage == BounceClassificationStage.GenericText) == generic && rule.Matches(enhanced, subject)) return rule;
        return null;
    }

    /// <summary>The action of a category under the current rules.</summary>
    public BounceAction ActionOf(BounceCategory category) => _rules.Actions[category];

    private static BounceClassification Verdict(BounceRuleSet rules, BounceClassificationStage stage, BounceCategory category, bool? hard, bool permanent)
    {
        var action = rules.Actions[category];
        return new BounceClassification(category, hard ?? (permanent && action.HardWhenPermanent), action, stage);
    }

    private static bool IsPermanent(int? replyCode, string? enhanced) => replyCode switch
    {
        >= 500 and < 600 => true,
        >= 200 and < 500 => false,
        _ => enhanced?.StartsWith('5') ?? false,
    };

    private static (BounceCategory Category, bool? Hard, bool Generic)? Lookup(BounceRuleSet rules, string enhanced)
    {
        var parts = enhanced.Split('.');
        if (parts.Length != 3) return null;
        if (rules.Statuses.TryGetValue(enhanced, out var exact)) return exact;
        if (rules.Statuses.TryGetValue($"X.{parts[1]}.{parts[2]}", out var anyClass)) return anyClass;
        if (rules.Statuses.TryGetValue($"X.{parts[1]}.*", out var subject)) return subject;
        return null;
    }

    /// <summary>
    /// A DSN's Status is the reporting MTA's summary (4.4.7 "expired", 5.0.0); its Diagnostic-Code carries the remote
    /// MTA's own reply (RFC 3464 §2.3.6). When that reply starts with its own enhanced code, it names the cause.
    /// </summary>
    private static string? EmbeddedCode(string? text, string? given)
    {
        if (string.IsNullOrEmpty(text)) return given;
        var m = EmbeddedCodeRegex().Match(text);
        return m.Success && EnhancedStatusCode.TryParse(m.Groups[1].Value, out _) ? m.Groups[1].Value : given;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[245]\d\d[ \-]([245]\.\d{1,3}\.\d{1,3})(?=\s|$)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex EmbeddedCodeRegex();

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
