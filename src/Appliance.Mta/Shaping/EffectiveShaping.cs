using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Shaping;

/// <summary>
/// The limits in force for one ready queue (egress source × site) with the origin of each, the provider the site
/// belongs to (if a provider rule matched) and the backoff rules watching its responses.
/// </summary>
public sealed record EffectiveShaping
{
    /// <summary>The provider whose rule matched the site (e.g. "Gmail"); null when no provider rule matched.</summary>
    public string? Provider { get; init; }
    /// <summary>Concurrent connections from the source to the site.</summary>
    public required EffectiveLimit<int> MaxConnections { get; init; }
    /// <summary>Messages sent over one connection before it is closed and a new one opened.</summary>
    public required EffectiveLimit<int> MessagesPerConnection { get; init; }
    /// <summary>Highest sending rate (null: unlimited).</summary>
    public required EffectiveLimit<MessageRate?> MessageRate { get; init; }
    /// <summary>Recipients per SMTP transaction; more are split over several transactions.</summary>
    public required EffectiveLimit<int> MaxRecipientsPerTransaction { get; init; }
    /// <summary>TCP connect timeout per MX address.</summary>
    public required EffectiveLimit<TimeSpan> ConnectTimeout { get; init; }
    /// <summary>Wait for the 220 greeting (RFC 5321 §4.5.3.2.1).</summary>
    public required EffectiveLimit<TimeSpan> GreetingTimeout { get; init; }
    /// <summary>Wait for the reply to the final dot (RFC 5321 §4.5.3.2.6).</summary>
    public required EffectiveLimit<TimeSpan> DataTimeout { get; init; }
    /// <summary>
    /// First retry interval after a deferral at this site (doubled per attempt, <see cref="Queue.RetrySchedule"/>).
    /// </summary>
    public required EffectiveLimit<TimeSpan> RetryInterval { get; init; }
    /// <summary>The backoff rules watching this queue's responses (the matching rules' and the global ones).</summary>
    public IReadOnlyList<BackoffRule> BackoffRules { get; init; } = [];

    /// <summary>The client timeouts with this queue's connect, greeting and final-dot values.</summary>
    public ClientTimeouts Timeouts(ClientTimeouts defaults) =>
        defaults with { Connect = ConnectTimeout.Value, Greeting = GreetingTimeout.Value, FinalDot = DataTimeout.Value };

    /// <summary>The same limits with a backoff's lower rate in force.</summary>
    public EffectiveShaping Throttled(ActiveBackoff backoff)
    {
        if (backoff.Rate is not { } rate) return this;
        var slower = MessageRate.Value is { } current ? Shaping.MessageRate.Slowest(current, rate) : rate;
        return ReferenceEquals(slower, MessageRate.Value) ? this : this with { MessageRate = new EffectiveLimit<MessageRate?>(slower, LimitOrigin.Backoff, backoff.Rule) };
    }
}
