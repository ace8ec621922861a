namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// The plan templates seeded at start (read-only; copy one into a custom plan to change it). "8-week" is the issue's
/// schedule: days 8–10 500/day, 11–14 2,000, 15–17 10,000, 18–20 25,000, 21–24 75,000, 25–28 150,000, then weeks 5–8
/// 300,000 / 600,000 / 1,000,000 / full. The schedule leaves week 1 open; the template sends 200/day there, below day 8's 500.
/// </summary>
public static class WarmupTemplates
{
    public const string EightWeekName = "8-week";

    public static IReadOnlyList<WarmupStep> EightWeek { get; } =
    [
        new(1, 7, 200),
        new(8, 10, 500),
        new(11, 14, 2_000),
        new(15, 17, 10_000),
        new(18, 20, 25_000),
        new(21, 24, 75_000),
        new(25, 28, 150_000),
        new(29, 35, 300_000),
        new(36, 42, 600_000),
        new(43, 49, 1_000_000),
        new(50, 56, null),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<WarmupStep>> All { get; } =
        new Dictionary<string, IReadOnlyList<WarmupStep>> { [EightWeekName] = EightWeek };
}
