using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.Mta.Dns.Dmarc;

/// <summary>Strict parser for DMARC policy records (RFC 7489 §6.3, §6.4 ABNF).</summary>
public static partial class DmarcRecordParser
{
    /// <summary>§6.6.3: a TXT record is a DMARC record when it starts with "v=DMARC1" (then ";", space or end).</summary>
    public static bool IsDmarcRecord(string txt)
    {
        ArgumentNullException.ThrowIfNull(txt);
        var m = VersionRegex().Match(txt);
        return m.Success;
    }

    /// <summary>
    /// Parses <paramref name="text"/> strictly: v=DMARC1 first, p= second (RFC 7489 §6.4), every tag value checked; a
    /// missing or bad p= is an error, unknown tags are warnings. Never throws for bad input.
    /// </summary>
    public static DmarcParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var warnings = new List<string>();
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var parts = text.Split(';').Select(p => p.Trim(' ', '\t')).ToList();
        if (parts.Count > 0 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var m = TagRegex().Match(part);
            if (!m.Success) { errors.Add($"'{part}' is not a tag=value pair"); continue; }
            var name = m.Groups["name"].Value.ToLowerInvariant();
            var value = m.Groups["value"].Value;
            // §6.3: v MUST be the first tag and MUST be exactly "DMARC1".
            if (i == 0 && (name != "v" || value != "DMARC1")) { errors.Add("the record must start with v=DMARC1"); return new(null, errors, warnings); }
            if (!tags.TryAdd(name, value)) errors.Add($"tag '{name}' appears more than once");
        }
        if (parts.Count == 0) return new(null, ["empty record"], warnings);
        var policy = Policy(tags, "p", errors);
        if (!tags.ContainsKey("p")) errors.Add("the p= tag (policy) is required");
        var record = new DmarcRecord
        {
            Policy = policy ?? DmarcPolicy.None,
            SubdomainPolicy = Policy(tags, "sp", errors),
            Percent = Percent(tags, errors),
            AggregateReportUris = Uris(tags, "rua", errors),
            FailureReportUris = Uris(tags, "ruf", errors),
            DkimAlignment = Alignment(tags, "adkim", errors),
            SpfAlignment = Alignment(tags, "aspf", errors),
            FailureOptions = FailureOptions(tags, errors),
            ReportFormats = ReportFormats(tags, errors),
            ReportInterval = Interval(tags, errors),
        };
        foreach (var unknown in tags.Keys.Where(k => !KnownTags.Contains(k)))
            warnings.Add($"unknown tag '{unknown}' is ignored (RFC 7489 §6.3)");
        if (tags.ContainsKey("ruf") && !tags.ContainsKey("rua")) warnings.Add("ruf= without rua=: no aggregate reports will be sent");
        return errors.Count == 0 ? new(record, errors, warnings) : new(null, errors, warnings);
    }

    private static readonly HashSet<string> KnownTags = ["v", "p", "sp", "pct", "rua", "ruf", "adkim", "aspf", "fo", "rf", "ri"];

    private static DmarcPolicy? Policy(Dictionary<string, string> tags, string tag, List<string> errors)
    {
        if (!tags.TryGetValue(tag, out var v)) return null;
        switch (v.ToLowerInvariant())
        {
            case "none": return DmarcPolicy.None;
            case "quarantine": return DmarcPolicy.Quarantine;
            case "reject": return DmarcPolicy.Reject;
            default: errors.Add($"{tag}={v}: must be none, quarantine or reject"); return null;
        }
    }

    private static int Percent(Dictionary<string, string> tags, List<string> errors)
    {
        if (!tags.TryGetValue("pct", out var v)) return 100;
        if (v.Length is > 0 and <= 3 && v.All(char.IsAsciiDigit) && int.Parse(v, CultureInfo.InvariantCulture) <= 100)
            return int.Parse(v, CultureInfo.InvariantCulture);
        errors.Add($"pct={v}: must be an integer from 0 to 100");
        return 100;
    }

    private static DmarcAlignmentMode Alignment(Dictionary<string, string> tags, string tag, List<string> errors)
    {
        if (!tags.TryGetValue(tag, out var v)) return DmarcAlignmentMode.Relaxed;
        if (v.Equals("r", StringComparison.OrdinalIgnoreCase)) return DmarcAlignmentMode.Relaxed;
        if (v.Equals("s", StringComparison.OrdinalIgnoreCase)) return DmarcAlignmentMode.Strict;
        errors.Add($"{tag}={v}: must be r (relaxed) or s (strict)");
        return DmarcAlignmentMode.Relaxed;
    }

    private static IReadOnlyList<string> FailureOptions(Dictionary<string, string> tags, List<string> errors)
    {
        if (!tags.TryGetValue("fo", out var v)) return ["0"];
        var options = v.Split(':').Select(o => o.Trim().ToLowerInvariant()).ToList();
        foreach (var bad in options.Where(o => o is not ("0" or "1" or "d" or "s"))) errors.Add($"fo={v}: '{bad}' is not 0, 1, d or s");
        return options;
    }

    private static IReadOnlyList<string> ReportFormats(Dictionary<string, string> tags, List<string> errors)
    {
        if (!tags.TryGetValue("rf", out var v)) return ["afrf"];
        var formats = v.Split(':').Select(o => o.Trim()).ToList();
        foreach (var bad in formats.Where(f => !KeywordRegex().IsMatch(f))) errors.Add($"rf={v}: '{bad}' is not a format keyword");
        return formats;
    }

    private static uint Interval(Dictionary<string, string> tags, List<string> errors)
    {
        if (!tags.TryGetValue("ri", out var v)) return 86400;
        if (v.Length > 0 && v.All(char.IsAsciiDigit) && uint.TryParse(v, CultureInfo.InvariantCulture, out var seconds)) return seconds;
        errors.Add($"ri={v}: must be a number of seconds");
        return 86400;
    }

    /// <summary>dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ], comma-separated (§6.4).</summary>
    private static IReadOnlyList<DmarcReportUri> Uris(Dictionary<string, string> tags, string tag, List<string> errors)
    {
        if (!tags.TryGetValue(tag, out var v)) return [];
        var result = new List<DmarcReportUri>();
        foreach (var item in v.Split(',').Select(s => s.Trim(' ', '\t')))
        {
            var m = UriRegex().Match(item);
            if (!m.Success || !Uri.TryCreate(m.Groups["uri"].Value, UriKind.Absolute, out var uri))
            {
                errors.Add($"{tag}: '{item}' is not a URI (expected mailto:address[!size])");
                continue;
            }
            if (uri.Scheme != Uri.UriSchemeMailto) errors.Add($"{tag}: '{item}' is not a mailto: URI");
            long? size = null;
            if (m.Groups["size"].Success)
            {
                var multiplier = m.Groups["unit"].Value.ToLowerInvariant() switch
                {
                    "k" => 1L << 10,
                    "m" => 1L << 20,
                    "g" => 1L << 30,
                    "t" => 1L << 40,
                    _ => 1L,
                };
                size = long.Parse(m.Groups["size"].Value, CultureInfo.InvariantCulture) * multiplier;
            }
            result.Add(new DmarcReportUri(uri, size));
        }
        return result;
    }

    [GeneratedRegex(@"^v\s*=\s*DMARC1\s*(;|$)")]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*(?<value>.*)$")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^(?<uri>[^!]+)(?:!(?<size>\d{1,12})(?<unit>[kmgtKMGT])?)?$")]
    private static partial Regex UriRegex();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-]*$")]
    private static partial Regex KeywordRegex();
}
