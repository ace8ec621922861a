using System.Globalization;
using System.Text.Json;

namespace Appliance.Mta.Reports.Tls;

/// <summary>
/// Reads RFC 8460 §4 JSON reports tolerantly: missing optional fields (contact-info null, no sending IP or MX),
/// unknown policy types, date-times without a zone designator (read as UTC; §4.4 asks for RFC 3339), comments and
/// trailing commas. A policy entry that cannot be read is listed in <see cref="TlsReport.Problems"/> and skipped.
/// </summary>
public static class TlsRptParser
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };

    /// <exception cref="ReportFormatException">Not JSON, or no organization-name/report-id.</exception>
    public static TlsReport Parse(byte[] data)
    {
        JsonDocument doc;
        try
        {
            var span = data.AsSpan();
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
            doc = JsonDocument.Parse(span.ToArray(), Options);
        }
        catch (JsonException e)
        {
            throw new ReportFormatException($"not JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ReportFormatException("the report is not a JSON object");
            var id = Str(root, "report-id") ?? throw new ReportFormatException("no report-id: not a TLS report");
            if (!root.TryGetProperty("policies", out var policies) || policies.ValueKind != JsonValueKind.Array)
                throw new ReportFormatException("no policies array: not a TLS report");
            var problems = new List<string>();
            var range = root.TryGetProperty("date-range", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
            var start = Date(Str(range, "start-datetime"));
            var end = Date(Str(range, "end-datetime"));
            if (start is null || end is null) problems.Add("date-range missing or unreadable");
            var results = new List<TlsPolicyResult>();
            var i = 0;
            foreach (var p in policies.EnumerateArray())
            {
                i++;
                try
                {
                    results.Add(ReadPolicy(p));
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    problems.Add($"policy {i}: {e.Message}");
                }
            }
            return new TlsReport
            {
                OrganizationName = Str(root, "organization-name") ?? "", ReportId = id, ContactInfo = Str(root, "contact-info"),
                Start = start ?? DateTimeOffset.UnixEpoch, End = end ?? start ?? DateTimeOffset.UnixEpoch, Policies = results, Problems = problems,
            };
        }
    }

    private static TlsPolicyResult ReadPolicy(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object) throw new FormatException("not an object");
        var policy = p.TryGetProperty("policy", out var pol) && pol.ValueKind == JsonValueKind.Object ? pol : throw new FormatException("no policy object");
        var summary = p.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var details = new List<TlsFailureDetail>();
        if (p.TryGetProperty("failure-details", out var fd) && fd.ValueKind == JsonValueKind.Array)
            foreach (var d in fd.EnumerateArray())
                details.Add(new TlsFailureDetail(
                    (Str(d, "result-type") ?? "unknown").ToLowerInvariant(), Str(d, "sending-mta-ip"), Str(d, "receiving-mx-hostname")?.TrimEnd('.').ToLowerInvariant(),
                    Str(d, "receiving-mx-helo"), Str(d, "receiving-ip"), Long(d, "failed-session-count"), Str(d, "additional-information"), Str(d, "failure-reason-code")));
        return new TlsPolicyResult(
            (Str(policy, "policy-type") ?? "unknown").ToLowerInvariant(), (Str(policy, "policy-domain") ?? "").TrimEnd('.').ToLowerInvariant(),
            Strings(policy, "policy-string"), Strings(policy, "mx-host"),
            Long(summary, "total-successful-session-count"), Long(summary, "total-failure-session-count"), details);
    }

    /// <summary>RFC 8460 §4.4 date-time (RFC 3339); without a zone designator it is taken as UTC.</summary>
    internal static DateTimeOffset? Date(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() is { Length: > 0 } t ? t.Trim() : null,
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static long Long(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return 0;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        throw new FormatException($"{name} is not an integer");
    }

    private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
