namespace Appliance.Mta.Queue;

/// <summary>Where and how a delivery attempt happened, for events and DSNs.</summary>
public sealed record AttemptInfo(string? Site, string EgressSource, string? EgressIp, string? RemoteHost, string? Tls, double? DurationMs)
{
    /// <summary>
    /// No attempt made (an item cancelled or expired before it was sent): no site, the default egress source, no remote
    /// host.
    /// </summary>
    public static readonly AttemptInfo None = new(null, "default", null, null, null, null);
}
