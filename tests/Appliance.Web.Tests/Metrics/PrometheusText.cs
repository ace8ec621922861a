using System.Globalization;

namespace Appliance.Web.Tests.Metrics;

/// <summary>Reads sample values out of a Prometheus text exposition (sums every series matching the labels).</summary>
internal static class PrometheusText
{
    public static double Value(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal)) continue;
            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue; // another metric with this prefix
            if (!labels.All(l => rest.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal))) continue;
            sum += double.Parse(rest[(rest.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return sum;
    }
}
