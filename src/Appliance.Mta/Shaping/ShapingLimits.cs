namespace Appliance.Mta.Shaping;

/// <summary>
/// Limits for traffic from one egress source to one destination site. Every value is optional: an unset value falls
/// through to the next layer (override → provider rule → engine default).
/// </summary>
public sealed record ShapingLimits
{
    public int? MaxConnections { get; init; }
    public int? MessagesPerConnection { get; init; }
    public MessageRate? MessageRate { get; init; }
    public int? MaxRecipientsPerTransaction { get; init; }
    public TimeSpan? ConnectTimeout { get; init; }
    public TimeSpan? GreetingTimeout { get; init; }
    public TimeSpan? DataTimeout { get; init; }
    public TimeSpan? RetryInterval { get; init; }

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
