namespace Appliance.Mta.Suppression;

/// <summary>
/// Suppression settings (configuration section "Appliance:Suppressions"). Lifetimes per reason: null or zero means
/// permanent. Defaults: hard bounces, complaints, unsubscribes, manual entries and spam traps are permanent;
/// repeated soft bounces last 30 days (the usual ESP practice, e.g. SparkPost and Mailgun re-try after weeks).
/// </summary>
public sealed class SuppressionOptions
{
    public const string Section = "Appliance:Suppressions";

    public TimeSpan? HardBounceLifetime { get; set; }
    public TimeSpan? SoftBounceLifetime { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan? ComplaintLifetime { get; set; }
    public TimeSpan? UnsubscribeLifetime { get; set; }
    public TimeSpan? ManualLifetime { get; set; }
    public TimeSpan? SpamTrapLifetime { get; set; }

    /// <summary>Local part prefix of VERP return paths: "&lt;prefix&gt;-&lt;token&gt;@&lt;return-path domain&gt;".</summary>
    public string VerpPrefix { get; set; } = "b";

    /// <summary>Public https base URL of the unsubscribe endpoint (e.g. "https://mail.example.com"); one-click
    /// unsubscribe headers are added only when it is set.</summary>
    public string? PublicBaseUrl { get; set; }

    public TimeSpan? LifetimeOf(SuppressionReason reason) => (reason switch
    {
        SuppressionReason.HardBounce => HardBounceLifetime,
        SuppressionReason.SoftBounce => SoftBounceLifetime,
        SuppressionReason.Complaint => ComplaintLifetime,
        SuppressionReason.Unsubscribe => UnsubscribeLifetime,
        SuppressionReason.Manual => ManualLifetime,
        _ => SpamTrapLifetime,
    }) is { } t && t > TimeSpan.Zero ? t : null;

    /// <summary>The expiry of an entry of <paramref name="reason"/> created at <paramref name="now"/>.</summary>
    public DateTimeOffset? ExpiryOf(SuppressionReason reason, DateTimeOffset now) => LifetimeOf(reason) is { } t ? now + t : null;
}
