namespace Appliance.Web.Modules.Webhooks.Data;

/// <summary>One POST attempt to an endpoint (the delivery log).</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public required string EndpointId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>1 for the first attempt of a batch, 2 for its first retry, ...</summary>
    public int Attempt { get; set; }

    public int EventCount { get; set; }

    public bool IsTest { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The HTTP status, or null when no answer came (connection refused, timeout).</summary>
    public int? StatusCode { get; set; }

    public double LatencyMs { get; set; }

    public required string RequestExcerpt { get; set; }

    public string? ResponseExcerpt { get; set; }

    /// <summary>Why no answer came, e.g. "timeout" or the socket error.</summary>
    public string? Error { get; set; }
}
