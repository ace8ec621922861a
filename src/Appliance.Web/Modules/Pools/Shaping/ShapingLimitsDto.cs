namespace Appliance.Web.Modules.Pools.Shaping;

/// <summary>
/// Limits as the API spells them: counts, a rate such as "20/s" or "600/min", durations as "hh:mm:ss". Unset values
/// fall through to the next layer.
/// </summary>
public sealed record ShapingLimitsDto(int? MaxConnections = null, int? MessagesPerConnection = null, string? MessageRate = null,
    int? MaxRecipientsPerTransaction = null, string? ConnectTimeout = null, string? GreetingTimeout = null, string? DataTimeout = null,
    string? RetryInterval = null);
