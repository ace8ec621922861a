namespace Appliance.Mta.Queue;

/// <summary>Where and how a delivery attempt happened, for events and DSNs.</summary>
public sealed record AttemptInfo(string? Site, string EgressSource, string? EgressIp, string? RemoteHost, string? Tls, double? DurationMs)
{
    public static readonly AttemptInfo None = new(null, "default", null, null, null, null);
}
