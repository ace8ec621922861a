namespace Appliance.Mta.Shaping;

/// <summary>
/// Limits for traffic from one egress source to one destination site. Every value is optional: an unset value falls
/// through to the next layer (override → provider rule → engine default).
/// </summary>
public sealed record ShapingLimits
{
    /// <summary>Concurrent connections from the source to the site (1–10000); null: the next layer decides.</summary>
    public int? MaxConnections { get; init; }
    /// <summary>Messages per connection (1–100000); null: the next layer decides.</summary>
    public int? MessagesPerConnection { get; init; }
    /// <summary>Highest sending rate; null: the next layer decides (unlimited when no layer sets one).</summary>
    public MessageRate? MessageRate { get; init; }
    /// <summary>Recipients per transaction (1–1000); null: the next layer decides.</summary>
    public int? MaxRecipientsPerTransaction { get; init; }
    /// <summary>TCP connect timeout (up to 1 day); null: the next layer decides.</summary>
    public TimeSpan? ConnectTimeout { get; init; }
    /// <summary>Wait for the 220 greeting (up to 1 day); null: the next layer decides.</summary>
    public TimeSpan? GreetingTimeout { get; init; }
    /// <summary>Wait for the reply to the final dot (up to 1 day); null: the next layer decides.</summary>
    public TimeSpan? DataTimeout { get; init; }
    /// <summary>First retry interval after a deferral (up to 1 day); null: the next layer decides.</summary>
    public TimeSpan? RetryInterval { get; init; }

    /// <summary>No values set: every limit falls through.</summary>
    public static ShapingLimits None { get; } = new();

    /// <summary>Problems with the values, for the loader and the admin's overrides.</summary>
    public IEnumerable<string> Validate(string owner)
    {
        if (MaxConnections is <= 0 or > 10_000) yield return $"{owner}: maxConnections must be 1–10000.";
        if (MessagesPerConnection is <= 0 or > 100_000) yield return $"{owner}: messagesPerConnection must be 1–100000.";
        if (MaxRecipientsPerTransaction is <= 0 or > 1_000) yield return $"{owner}: maxRecipientsPerTransaction must be 1–1000.";
        foreach (var (name, value) in new[] { ("connectTimeout", ConnectTimeout), ("greetingTimeout", GreetingTimeout), ("dataTimeout", DataTimeout), ("retryInterval", RetryInterval) })
            if (value is { } t && (t <= TimeSpan.Zero || t > TimeSpan.FromDays(1))) yield return $"{owner}: {name} must be between 0 and 1 day.";
    }
}
