namespace Appliance.Web.Modules.Metrics;

/// <summary>Settings of GET /metrics (configuration section Appliance:Metrics).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Appliance:Metrics";

    /// <summary>CIDRs allowed to scrape without a token (comma-separated or indexed). Default: loopback only.</summary>
    public List<string> AllowedNetworks { get; set; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>A bearer token that grants access from any address; empty disables token access.</summary>
    public string? Token { get; set; }

    /// <summary>Queues reported by name per gauge; the rest are summed as "other".</summary>
    public int TopQueues { get; set; } = 20;

    /// <summary>Distinct tenant, site and egress label values per series before the rest count as "other".</summary>
    public int MaxLabelValues { get; set; } = 50;
}
