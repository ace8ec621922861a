using System.Net;
using System.Text.RegularExpressions;

namespace Appliance.Web.Api;

/// <summary>
/// Per-recipient substitution: "{{name}}" (letters, digits, '_', '-', '.') is replaced by the recipient's value;
/// "{{recipient}}" is always the recipient's address. In HTML the value is HTML-encoded. A placeholder without a
/// value is reported, never sent as is.
/// </summary>
public static partial class SubstitutionTemplate
{
    public const string RecipientVariable = "recipient";

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();

    public static string? Apply(string? template, string recipient, IReadOnlyDictionary<string, string> values, bool html, ISet<string> missing)
    {
        if (template is null) return null;
        return Placeholder().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            string? value = name == RecipientVariable ? recipient : values.TryGetValue(name, out var v) ? v : null;
            if (value is null)
            {
                missing.Add(name);
                return m.Value;
            }
            return html ? WebUtility.HtmlEncode(value) : value;
        });
    }
}
