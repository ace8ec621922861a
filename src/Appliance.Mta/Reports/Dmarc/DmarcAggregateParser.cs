using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Appliance.Mta.Reports.Dmarc;

/// <summary>
/// Reads DMARC aggregate XML (RFC 7489 Appendix C) tolerantly: elements by local name (any namespace, including
/// RFC 9990's urn:ietf:params:xml:ns:dmarc-2.0 and the old draft schema), result words lower-cased, missing optional
/// fields left null, dates as Unix seconds (also fractional or ISO 8601). The document is read as a stream of
/// report_metadata, policy_published and record elements: a record that cannot be read is listed in
/// <see cref="DmarcAggregateReport.Problems"/> and skipped, and a document cut off after some records keeps them.
/// </summary>
public static class DmarcAggregateParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true, CheckCharacters = false, ConformanceLevel = ConformanceLevel.Document,
    };

    /// <exception cref="ReportFormatException">Not an aggregate report (empty, no metadata, no report id).</exception>
    public static DmarcAggregateReport Parse(byte[] data)
    {
        var text = LenientXmlText.Decode(data);
        if (string.IsNullOrWhiteSpace(text)) throw new ReportFormatException("empty document");
        XElement? metadata = null, policy = null;
        var records = new List<DmarcRecord>();
        var problems = new List<string>();
        var seen = 0;
        using (var reader = XmlReader.Create(new StringReader(text), Settings))
        {
            try
            {
                reader.Read();
                while (!reader.EOF)
                {
                    if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
                    switch (reader.LocalName)
                    {
                        case "report_metadata": metadata = (XElement)XNode.ReadFrom(reader); break;
                        case "policy_published": policy = (XElement)XNode.ReadFrom(reader); break;
                        case "record":
                            seen++;
                            var element = (XElement)XNode.ReadFrom(reader);
                            try
                            {
                                records.Add(ReadRecord(element, seen, problems));
                            }
                            catch (FormatException e)
                            {
                                problems.Add($"record {seen}: {e.Message}");
                            }
                            break;
                        default: reader.Read(); break;
                    }
                }
            }
            catch (XmlException e)
            {
                if (metadata is null && records.Count == 0) throw new ReportFormatException($"not well-formed XML: {e.Message}", e);
                problems.Add($"document cut short after {records.Count} record(s): {e.Message}");
            }
        }
        if (metadata is null) throw new ReportFormatException("no report_metadata element: not a DMARC aggregate report");
        var reportId = Text(metadata, "report_id");
        if (string.IsNullOrEmpty(reportId)) throw new ReportFormatException("report_metadata has no report_id");
        var range = Child(metadata, "date_range");
        var begin = Date(Text(range, "begin"));
        var end = Date(Text(range, "end"));
        if (begin is null || end is null) problems.Add("date_range missing or unreadable");
        return new DmarcAggregateReport
        {
            OrgName = Text(metadata, "org_name") ?? "",
            Email = Text(metadata, "email"),
            ReportId = reportId,
            Begin = begin ?? DateTimeOffset.UnixEpoch,
            End = end ?? begin ?? DateTimeOffset.UnixEpoch,
            Generator = Text(metadata, "generator"),
            Policy = ReadPolicy(policy),
            Records = records,
            ReporterErrors = Children(metadata, "error").Select(e => e.Value.Trim()).Where(e => e.Length > 0).ToList(),
            Problems = problems,
        };
    }

    private static DmarcPolicyPublished ReadPolicy(XElement? p) => p is null ? new DmarcPolicyPublished() : new DmarcPolicyPublished
    {
        Domain = (Text(p, "domain") ?? "").TrimEnd('.').ToLowerInvariant(),
        Adkim = Word(p, "adkim"), Aspf = Word(p, "aspf"), P = Word(p, "p"), Sp = Word(p, "sp"), Np = Word(p, "np"), Fo = Text(p, "fo"),
        Pct = int.TryParse(Text(p, "pct"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pct) ? pct : null,
    };

    private static DmarcRecord ReadRecord(XElement record, int index, List<string> problems)
    {
        var row = Child(record, "row") ?? throw new FormatException("no row element");
        var countText = Text(row, "count");
        if (!long.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < 0)
            throw new FormatException($"count '{countText}' is not a non-negative integer");
        var ip = Text(row, "source_ip");
        System.Net.IPAddress? address = null;
        if (ip is not null && !System.Net.IPAddress.TryParse(ip, out address)) throw new FormatException($"source_ip '{ip}' is not an IP address");
        // An empty placeholder row (count 0, no source) stands for "no mail"; with messages, the source is unknown.
        if (address is null && count > 0) problems.Add($"record {index}: no source_ip");
        var evaluated = Child(row, "policy_evaluated");
        var identifiers = Child(record, "identifiers");
        var auth = Child(record, "auth_results");
        return new DmarcRecord
        {
            SourceIp = address?.ToString() ?? "",
            Count = count,
            Disposition = Word(evaluated, "disposition"),
            Dkim = Word(evaluated, "dkim"),
            Spf = Word(evaluated, "spf"),
            Reasons = Children(evaluated, "reason").Select(r => new DmarcPolicyOverride(Word(r, "type") ?? "other", Text(r, "comment"))).ToList(),
            HeaderFrom = Lower(Text(identifiers, "header_from")),
            EnvelopeFrom = Lower(Text(identifiers, "envelope_from")),
            EnvelopeTo = Lower(Text(identifiers, "envelope_to")),
            DkimResults = Children(auth, "dkim").Select(d => new DmarcAuthResult(Lower(Text(d, "domain")) ?? "", Text(d, "selector"), null, Word(d, "result") ?? "none")).ToList(),
            SpfResults = Children(auth, "spf").Select(s => new DmarcAuthResult(Lower(Text(s, "domain")) ?? "", null, Word(s, "scope"), Word(s, "result") ?? "none")).ToList(),
        };
    }

    /// <summary>RFC 7489 Appendix C: begin/end are seconds since the epoch; some reporters write fractions or ISO dates.</summary>
    internal static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is > -62135596800 and < 253402300799)
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(d * 1000));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso.ToUniversalTime() : null;
    }

    private static XElement? Child(XElement? e, string name) => e?.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement? e, string name) => e?.Elements().Where(c => c.Name.LocalName == name) ?? [];

    private static string? Text(XElement? e, string name) => Child(e, name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    /// <summary>Enumerated words are lower-cased (reporters write "Pass", "PASS"; parsedmarc issue #288).</summary>
    private static string? Word(XElement? e, string name) => Lower(Text(e, name));

    private static string? Lower(string? s) => s?.ToLowerInvariant();
}
