using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// One scrape of GET /metrics (Prometheus text exposition format 0.0.4), parsed into samples: series name,
/// labels and value. Comment lines (# HELP, # TYPE) are skipped.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusText(string raw) => Raw = raw;

    /// <summary>The scraped text, for failure messages.</summary>
    public string Raw { get; }

    /// <summary>Parses an exposition; lines that are not samples are ignored.</summary>
    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var m = SampleLine().Match(line.TrimEnd('\r'));
            if (!m.Success)
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match l in LabelPair().Matches(m.Groups["labels"].Value))
            {
                labels[l.Groups[1].Value] = l.Groups[2].Value;
            }

            result._samples.Add((m.Groups["name"].Value, labels, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>True when a series of that name was exported at all (a sample, or its # TYPE line).</summary>
    public bool Has(string name) =>
        _samples.Any(s => s.Name == name) || Raw.Contains($"# TYPE {name} ", StringComparison.Ordinal);

    /// <summary>Sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/> (0 when absent).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(?<labels>[^}]*)\\})?\\s+(?<value>\\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
