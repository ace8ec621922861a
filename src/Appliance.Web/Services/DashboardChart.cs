using Appliance.Mta.Diagnostics;

namespace Appliance.Web.Services;

/// <summary>A chart's x labels (sparse: most are empty) and one series per counter, over buckets of whole minutes.</summary>
public sealed record DashboardChart(string[] Labels, IReadOnlyList<(string Name, double[] Values)> Series)
{
    /// <summary>Sums the last <paramref name="minutes"/> minutes into buckets of <paramref name="bucketMinutes"/>.</summary>
    public static DashboardChart From(IReadOnlyList<MetricsMinute> series, int minutes, int bucketMinutes, int labelEvery)
    {
        var window = series.Skip(Math.Max(0, series.Count - minutes)).ToList();
        var buckets = window.Chunk(Math.Max(1, bucketMinutes)).ToList();
        var labels = buckets.Select((b, i) => i % labelEvery == 0 ? b[0].Minute.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "").ToArray();
        double[] Sum(Func<MetricsMinute, int> pick) => buckets.Select(b => (double)b.Sum(pick)).ToArray();
        return new DashboardChart(labels,
        [
            ("Accepted", Sum(m => m.Accepted)),
            ("Delivered", Sum(m => m.Delivered)),
            ("Deferred", Sum(m => m.Deferred)),
            ("Bounced", Sum(m => m.Bounced + m.Expired)),
        ]);
    }
}
