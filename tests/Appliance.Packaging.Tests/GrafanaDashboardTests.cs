using System.Text.Json;
using System.Text.RegularExpressions;

namespace Appliance.Packaging.Tests;

/// <summary>
/// Both packages ship the Grafana dashboard (issue 8) at /usr/share/appliance/grafana/appliance-dashboard.json; the
/// shipped file is the repository's, valid JSON with panels, and every series its queries use is a documented
/// /metrics series (docs/telemetry.md; the integration test MetricsCountTests checks them against a live scrape).
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed partial class GrafanaDashboardTests(PackagesFixture packages)
{
    private const string InstalledPath = "/usr/share/appliance/grafana/appliance-dashboard.json";

    [PackagingFact]
    public void The_deb_ships_the_dashboard()
    {
        Assert.Contains("." + InstalledPath, Tool.Ok("dpkg-deb", "-c", packages.Deb));
        var root = Directory.CreateTempSubdirectory("appliance-deb-grafana-").FullName;
        try
        {
            Tool.Ok("dpkg-deb", "-x", packages.Deb, root);
            AssertDashboard(File.ReadAllText(Path.Combine(root, InstalledPath.TrimStart('/'))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [PackagingFact]
    public void The_rpm_ships_the_dashboard()
    {
        Assert.Contains(InstalledPath, Tool.Ok("rpm", "-qlp", packages.Rpm).Split('\n', StringSplitOptions.TrimEntries));
        var root = Directory.CreateTempSubdirectory("appliance-rpm-grafana-").FullName;
        try
        {
            var r = Tool.Run("/bin/sh", ["-c", $"cd '{root}' && rpm2cpio '{packages.Rpm}' | cpio -idm --quiet '.{InstalledPath}'"], TimeSpan.FromMinutes(2));
            Assert.True(r.ExitCode == 0, r.Output);
            AssertDashboard(File.ReadAllText(Path.Combine(root, InstalledPath.TrimStart('/'))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The dashboard's series names (histogram _bucket/_sum/_count reduced to the histogram).</summary>
    public static IReadOnlySet<string> SeriesNames(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expr in Expressions(doc.RootElement))
        {
            foreach (Match m in SeriesName().Matches(expr))
            {
                names.Add(HistogramSuffix().Replace(m.Value, ""));
            }
        }

        return names;
    }

    private static void AssertDashboard(string shipped)
    {
        var repository = File.ReadAllText(Path.Combine(PackagesFixture.RepoRoot, "packaging", "grafana", "appliance-dashboard.json"));
        Assert.Equal(repository, shipped);
        using var doc = JsonDocument.Parse(shipped);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("title").GetString()));
        Assert.True(doc.RootElement.GetProperty("panels").GetArrayLength() > 0);

        var names = SeriesNames(shipped);
        Assert.NotEmpty(names);
        var telemetry = File.ReadAllText(Path.Combine(PackagesFixture.RepoRoot, "docs", "telemetry.md"));
        var documented = DocumentedSeries(telemetry);
        Assert.All(names, n => Assert.True(documented.Contains(n), $"{n} is used by the dashboard but is not a /metrics series of docs/telemetry.md"));
    }

    /// <summary>Series names of the Prometheus table in docs/telemetry.md, with the {a,b} and _in/_out shorthands expanded.</summary>
    private static HashSet<string> DocumentedSeries(string telemetry)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in DocumentedName().Matches(telemetry))
        {
            var name = m.Groups[1].Value;
            var alternatives = m.Groups[2].Success ? m.Groups[2].Value.Split(',') : [""];
            foreach (var alt in alternatives)
            {
                set.Add(name + alt);
            }
        }

        // "`appliance_mta_mta_connections_inbound` / `_outbound`"
        foreach (Match m in SiblingSuffix().Matches(telemetry))
        {
            set.Add(m.Groups[1].Value + m.Groups[2].Value);
        }

        return set;
    }

    private static IEnumerable<string> Expressions(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return p.Value.GetString()!;
                    }

                    foreach (var inner in Expressions(p.Value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    foreach (var inner in Expressions(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"\bappliance_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"`(appliance_[a-z0-9_]+?)(?:\{([a-z,]+)\})?`")]
    private static partial Regex DocumentedName();

    [GeneratedRegex(@"`(appliance_[a-z0-9_]+_)[a-z]+` / `_([a-z]+)`")]
    private static partial Regex SiblingSuffix();
}
