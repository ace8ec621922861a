using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Appliance.Mta.Bounces.Classification;

/// <summary>
/// A validated, compiled rule set: custom (admin) rules, the rules file's provider-specific and generic rules, the
/// RFC 3463 status table, the basic reply code table and the category action table (precedence: <see cref="BounceClassifier"/>). Immutable; <see cref="BounceClassifier.Reload"/> swaps a whole set.
/// </summary>
public sealed class BounceRuleSet
{
    /// <summary>Name of the shipped file, embedded in the engine and copied next to the binaries.</summary>
    public const string FileName = "bounce-rules.json";
    /// <summary>A regex gets this long per evaluation; a pathological pattern then simply does not match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    private static readonly Lazy<BounceRulesDocument> ShippedDocument = new(LoadShippedDocument);

    private BounceRuleSet(IReadOnlyList<CompiledBounceRule> rules, FrozenDictionary<string, (BounceCategory Category, bool? Hard, bool Generic)> statuses,
        FrozenDictionary<int, (BounceCategory Category, bool? Hard)> replyCodes, FrozenDictionary<BounceCategory, BounceAction> actions)
    {
        Rules = rules;
        Statuses = statuses;
        ReplyCodes = replyCodes;
        Actions = actions;
    }

    /// <summary>Every rule: custom rules first, then the file's rules in file order (provider-specific and generic).</summary>
    public IReadOnlyList<CompiledBounceRule> Rules { get; }
    internal FrozenDictionary<string, (BounceCategory Category, bool? Hard, bool Generic)> Statuses { get; }
    internal FrozenDictionary<int, (BounceCategory Category, bool? Hard)> ReplyCodes { get; }
    /// <summary>
    /// What each category means for the engine (suppress, retry, reputation, hard); every category has an entry.
    /// </summary>
    public FrozenDictionary<BounceCategory, BounceAction> Actions { get; }

    /// <summary>The rules file shipped inside the engine (embedded resource).</summary>
    public static BounceRulesDocument ShippedRules => ShippedDocument.Value;

    /// <summary>The shipped rules compiled, without custom rules.</summary>
    public static BounceRuleSet Shipped() => Compile(ShippedRules, []);

    /// <summary>Reads a rules file; throws <see cref="BounceRuleValidationException"/> when it is not valid JSON.</summary>
    public static BounceRulesDocument Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BounceRulesDocument>(json, Json)
                ?? throw new BounceRuleValidationException(["the rules file is empty"]);
        }
        catch (JsonException ex)
        {
            throw new BounceRuleValidationException([$"the rules file is not valid JSON: {ex.Message}"]);
        }
    }

    /// <summary>Validates and compiles; every error is collected before throwing <see cref="BounceRuleValidationException"/>.</summary>
    public static BounceRuleSet Compile(BounceRulesDocument document, IEnumerable<BounceRuleDefinition> customRules)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rules = new List<CompiledBounceRule>();
        foreach (var rule in customRules) CompileRule(rule, true, ids, rules, errors);
        foreach (var rule in document.Rules) CompileRule(rule, false, ids, rules, errors);
        var statuses = new Dictionary<string, (BounceCategory, bool?, bool)>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in document.StatusCodes)
        {
            if (!IsStatusKey(mapping.Code)) errors.Add($"status code '{mapping.Code}' is not of the form 5.1.1, X.1.1 or X.1.*");
            else if (!statuses.TryAdd(mapping.Code, (ParseCategory(mapping.Category, $"status code '{mapping.Code}'", errors), mapping.Hard,
                mapping.Generic || mapping.Code.EndsWith(".0", StringComparison.Ordinal))))
                errors.Add($"status code '{mapping.Code}' is listed twice");
        }
        var replyCodes = new Dictionary<int, (BounceCategory, bool?)>();
        foreach (var mapping in document.ReplyCodes)
        {
            // RFC 5321 §4.2: a reply code is three digits, the first 2-5; only failures (4yz, 5yz) are classified.
            if (mapping.Code is < 400 or > 599) errors.Add($"reply code '{mapping.Code}' is not a 4yz or 5yz code");
            else if (!replyCodes.TryAdd(mapping.Code, (ParseCategory(mapping.Category, $"reply code '{mapping.Code}'", errors), mapping.Hard)))
                errors.Add($"reply code '{mapping.Code}' is listed twice");
        }
        var actions = new Dictionary<BounceCategory, BounceAction>();
        foreach (var (name, action) in document.Actions)
            actions[ParseCategory(name, "the actions table", errors)] = new BounceAction(action.Suppress, action.Retry, action.FeedsReputation, action.Hard);
        foreach (var category in Enum.GetValues<BounceCategory>())
            if (!actions.ContainsKey(category)) errors.Add($"the actions table has no entry for category '{category}'");
        if (errors.Count > 0) throw new BounceRuleValidationException(errors);
        return new BounceRuleSet(rules, statuses.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), replyCodes.ToFrozenDictionary(),
            actions.ToFrozenDictionary());
    }

    /// <summary>Validates one rule alone (for the admin UI); returns the errors, empty when valid.</summary>
    public static IReadOnlyList<string> Validate(BounceRuleDefinition rule)
    {
        var errors = new List<string>();
        CompileRule(rule, true, new HashSet<string>(StringComparer.OrdinalIgnoreCase), [], errors);
        return errors;
    }

    internal static CompiledBounceRule? CompileRule(BounceRuleDefinition rule, bool custom, HashSet<string> ids, List<CompiledBounceRule> into, List<string> errors)
    {
        var before = errors.Count;
        var id = rule.Id?.Trim();
        if (string.IsNullOrEmpty(id)) errors.Add("a rule has no id");
        else if (!ids.Add(id)) errors.Add($"rule id '{id}' is used twice");
        var name = $"rule '{id}'";
        var category = ParseCategory(rule.Category, name, errors);
        var pattern = CompileRegex(rule.Pattern, $"{name} pattern", errors);
        var status = string.IsNullOrWhiteSpace(rule.Status) ? null : CompileRegex(rule.Status, $"{name} status", errors);
        if (errors.Count > before || pattern is null) return null;
        var compiled = new CompiledBounceRule(rule, pattern, status, category, custom);
        into.Add(compiled);
        return compiled;
    }

    private static Regex? CompileRegex(string? pattern, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add($"{what} is empty");
            return null;
        }
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{what} is not a valid regular expression: {ex.Message}");
            return null;
        }
    }

    private static BounceCategory ParseCategory(string? name, string where, List<string> errors)
    {
        if (name is not null && !name.Any(char.IsDigit) && Enum.TryParse<BounceCategory>(name, ignoreCase: true, out var category)) return category;
        errors.Add($"{where} names unknown category '{name}' (known: {string.Join(", ", Enum.GetNames<BounceCategory>())})");
        return BounceCategory.Uncategorized;
    }

    // RFC 3463 §2: class "." subject "." detail, subject and detail 1-3 digits; "X" for any class, "*" for any detail.
    private static bool IsStatusKey(string? code) =>
        code is not null && Regex.IsMatch(code, @"^([245]|X)\.\d{1,3}\.(\d{1,3}|\*)$", RegexOptions.IgnoreCase, MatchTimeout);

    private static BounceRulesDocument LoadShippedDocument()
    {
        using var stream = typeof(BounceRuleSet).Assembly.GetManifestResourceStream("Appliance.Mta.Bounces.Classification." + FileName)
            ?? throw new InvalidOperationException($"embedded {FileName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
