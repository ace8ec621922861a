using System.Globalization;

namespace Appliance.Web.Components.Shared;

/// <summary>
/// The one way pages show times: ISO 8601 in UTC ("2026-12-06 19:54:14Z", RFC 3339 §5.6 allows the space), dates as
/// "2026-12-06". Never the culture's short date, which reads differently on both sides of the Atlantic.
/// </summary>
public static class Iso
{
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? t, string none = "—") => t is { } v ? Time(v) : none;

    /// <summary>Minutes only, for dense tables.</summary>
    public static string Minute(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? t, string none = "—") => t is { } v ? Date(v) : none;

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
