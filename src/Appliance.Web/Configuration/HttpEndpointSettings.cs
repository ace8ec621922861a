namespace Appliance.Web.Configuration;

/// <summary>Where the admin UI and API listen: host-only settings from the "Appliance" section.</summary>
public static class HttpEndpointSettings
{
    /// <summary>"ip:port" (or a full http:// URL) of the admin UI and API; --urls / ASPNETCORE_URLS win over it.</summary>
    public const string Key = "Appliance:Http";

    /// <summary>Loopback only by default: the appliance is administered locally or through a reverse proxy.</summary>
    public const string Default = "127.0.0.1:8080";

    /// <summary>Turns "127.0.0.1:8080" into "http://127.0.0.1:8080"; a value with a scheme is kept as is.</summary>
    public static string ToUrl(string value) =>
        value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
}
