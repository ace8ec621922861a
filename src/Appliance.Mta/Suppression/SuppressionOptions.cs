namespace Appliance.Mta.Suppression;

/// <summary>
/// Suppression settings (configuration section "Appliance:Suppressions"). Lifetimes per reason: null or zero means
/// permanent. Defaults: hard bounces, complaints, unsubscribes, manual entries and spam traps are permanent;
/// repeated soft bounces last 30 days (the usual ESP practice, e.g. SparkPost and Mailgun re-try after weeks).
/// </summary>
public sealed class SuppressionOptions
{
    /// <summary>Configuration section of these options.</summary>
    public const string Section = "Appliance:Suppressions";

    /// <summary>How long a hard-bounce entry lasts; null or zero: permanent (the default).</summary>
    public TimeSpan? HardBounceLifetime { get; set; }
    /// <summary>How long an entry for repeated soft bounces lasts (default 30 days); null or zero: permanent.</summary>
    public TimeSpan? SoftBounceLifetime { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How long a complaint entry lasts; null or zero: permanent (the default).</summary>
    public TimeSpan? ComplaintLifetime { get; set; }
    /// <summary>How long an unsubscribe entry lasts; null or zero: permanent (the default).</summary>
    public TimeSpan? UnsubscribeLifetime { get; set; }
    /// <summary>How long a manual entry lasts; null or zero: permanent (the default).</summary>
    public TimeSpan? ManualLifetime { get; set; }
    /// <summary>How long a spam-trap entry lasts; null or zero: permanent (the default).</summary>
    public TimeSpan? SpamTrapLifetime { get; set; }

    /// <summary>Local part prefix of VERP return paths: "&lt;prefix&gt;-&lt;token&gt;@&lt;return-path domain&gt;".</summary>
    public string VerpPrefix { get; set; } = "b";

    /// <summary>Public https base URL of the unsubscribe endpoint (e.g. "https://mail.example.com"); one-click
    /// unsubscribe headers are added only when it is set.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// A tenant's or pool's 24-hour complaint rate above this raises an Alert event (and one more when it is back under).
    /// Default 0.003: the 0.3 % that Gmail and Yahoo tell bulk senders never to reach. 0 turns the alerts off.
    /// </summary>
    public double ComplaintAlertRate { get; set; } = 0.003;

    /// <summary>Delivered recipients in the 24 hours before a rate can alert (small samples are noise). Default 1,000.</summary>
    public long ComplaintAlertMinimumDeliveries { get; set; } = 1000;

    /// <summary>The lifetime of an entry of <paramref name="reason"/>; null when it is permanent.</summary>
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
