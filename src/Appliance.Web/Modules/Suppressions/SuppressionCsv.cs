using System.Globalization;
using System.Text;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The CSV form (RFC 4180: comma-separated, double quotes around fields with commas or quotes). Import columns:
/// address[,reason[,scope[,scope_key]]], an optional header line starting with "address". Export adds created_at,
/// expires_at (ISO 8601), source_type, source_message_id and source_response.
/// </summary>
public static class SuppressionCsv
{
    public const string ExportHeader = "address,reason,scope,scope_key,created_at,expires_at,source_type,source_message_id,source_response";

    public static bool IsHeader(string line) => line.TrimStart().StartsWith("address", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fields of one line, or null when its quoting is broken.</summary>
    public static List<string>? ParseLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') sb.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && sb.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(sb.ToString().Trim()); sb.Clear(); }
            else sb.Append(c);
        }
        if (quoted) return null;
        fields.Add(sb.ToString().Trim());
        return fields;
    }

    public static string FormatLine(SuppressionDto s) => string.Join(',',
        Escape(s.Address), s.Reason, s.Scope, Escape(s.ScopeKey), s.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        s.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", Escape(s.SourceType), Escape(s.SourceMessageId), Escape(s.SourceResponse));

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "\"";
    }
}
