using System.Globalization;
using System.Text.RegularExpressions;
using Appliance.Mta.Bounces.Classification;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>
/// How the live rules classify one pasted reply such as "550 5.1.1 user unknown": the reply code (RFC 5321 §4.2) and
/// enhanced status code (RFC 3463) are read from its start, the category, hard/soft verdict, the deciding rule and the
/// precedence stage that decided (docs/bounce-rules.md "Precedence": Custom, Provider, StatusCode, GenericText, ...).
/// </summary>
public sealed partial record ResponseClassification(int? Code, string? EnhancedCode, string Category, bool Hard, string? RuleId,
    string Stage = nameof(BounceClassificationStage.None))
{
    public static ResponseClassification Of(BounceClassifier classifier, string response)
    {
        var m = Leading().Match(response);
        int? code = m.Groups["code"].Success ? int.Parse(m.Groups["code"].Value, CultureInfo.InvariantCulture) : null;
        var enhanced = m.Groups["enh"].Success ? m.Groups["enh"].Value : null;
        var text = m.Success ? response[m.Length..].Trim() : response.Trim();
        var result = classifier.Classify(code, enhanced, text, out var rule);
        return new ResponseClassification(code, enhanced, result.Category.ToString(), result.Hard, rule, result.Stage.ToString());
    }

    [GeneratedRegex(@"^\s*(?<code>[245]\d\d)(?:[ -]+(?<enh>[245]\.\d{1,3}\.\d{1,3}))?")]
    private static partial Regex Leading();
}
