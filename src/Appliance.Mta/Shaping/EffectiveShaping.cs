using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Shaping;

/// <summary>
/// The limits in force for one ready queue (egress source × site) with the origin of each, the provider the site
/// belongs to (if a provider rule matched) and the backoff rules watching its responses.
/// </summary>
public sealed record EffectiveShaping
{
    public string? Provider { get; init; }
    public required EffectiveLimit<int> MaxConnections { get; init; }
    public required EffectiveLimit<int> MessagesPerConnection { get; init; }
    public required EffectiveLimit<MessageRate?> MessageRate { get; init; }
    public required EffectiveLimit<int> MaxRecipientsPerTransaction { get; init; }
    public required EffectiveLimit<TimeSpan> ConnectTimeout { get; init; }
    public required EffectiveLimit<TimeSpan> GreetingTimeout { get; init; }
    public required EffectiveLimit<TimeSpan> DataTimeout { get; init; }
    public required EffectiveLimit<TimeSpan> RetryInterval { get; init; }
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
