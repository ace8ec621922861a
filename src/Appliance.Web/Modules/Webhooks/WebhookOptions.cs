namespace Appliance.Web.Modules.Webhooks;

/// <summary>Settings of webhook delivery, bound from "Appliance:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Appliance:Webhooks";

    /// <summary>Most events in one POST.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a partial batch waits for more events before it is sent.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one POST (connect, send, read the answer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; doubles per failed attempt up to <see cref="MaxRetryDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An endpoint failing continuously for this long is disabled (with an Alert event).</summary>
    public TimeSpan FailurePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Backlog cap per endpoint, in events; beyond it the oldest queued events are dropped.</summary>
    public long MaxBacklogEvents { get; set; } = 1_000_000;

    /// <summary>Backlog cap per endpoint, in bytes of queued JSON; beyond it the oldest queued events are dropped.</summary>
    public long MaxBacklogBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most events one manual re-send may queue.</summary>
    public int MaxResendEvents { get; set; } = 100_000;

    /// <summary>Delivery log rows kept per endpoint (older ones are deleted).</summary>
    public int DeliveryLogSize { get; set; } = 500;
}
